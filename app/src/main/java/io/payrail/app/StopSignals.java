package io.payrail.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stop action on SIGTERM and SIGINT before the JVM begins its shutdown.
 *
 * <p>Why not only a shutdown hook: the embedded PostgreSQL library registers a shutdown hook of its
 * own that stops the server at once ({@code pg_ctl stop -m fast}), and the JVM runs shutdown hooks
 * concurrently. So the database went away while the node was still stopping its functions and
 * subscriptions, and every statement in flight failed with "terminating connection due to
 * administrator command". Nothing was lost (all of it is durable and retried on the next start), but
 * a plain {@code kill} or {@code docker stop} printed a burst of warnings with stack traces. Handled
 * here, the node stops in order (the database last) and only then does the JVM exit, running the
 * hooks, which find everything closed.
 *
 * <p>{@code sun.misc.Signal} is the JDK's only way to handle a signal; it is reached by reflection
 * because javac warns about the class at compile time, and the build treats warnings as errors. It is
 * exported by the {@code jdk.unsupported} module, so no JVM flag is needed. Where it is missing the
 * shutdown hook still closes the node, as before.
 *
 * <p>Ctrl-C in a terminal sends SIGINT to the whole foreground process group; the embedded server is
 * not in it ({@code pg_ctl} starts the postmaster in a session of its own), so only the JVM gets the
 * signal and the same orderly stop follows (checked by hand with {@code kill -INT} to the group).
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    static final List<String> SIGNALS = List.of("TERM", "INT");

    private StopSignals() {}

    /** Installs {@code stop} for each of {@link #SIGNALS}; returns how many were installed. */
    static int install(Runnable stop) {
        int installed = 0;
        for (String name : SIGNALS) {
            try {
                Class<?> signalType = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                        (proxy, method, arguments) -> handle(method, stop, proxy, arguments));
                Method handle = signalType.getMethod("handle", signalType, handlerType);
                handle.invoke(null, signalType.getConstructor(String.class).newInstance(name), handler);
                installed++;
            } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError unavailable) {
                Throwable cause = unavailable instanceof InvocationTargetException invocation ? invocation.getCause() : unavailable;
                LOG.warn("cannot handle SIG{} (the shutdown hook stops the node instead): {}", name, cause);
            }
        }
        return installed;
    }

    private static Object handle(Method method, Runnable stop, Object proxy, Object[] arguments) {
        return switch (method.getName()) {
            case "handle" -> {
                stop.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            case "toString" -> "payrail stop handler";
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
