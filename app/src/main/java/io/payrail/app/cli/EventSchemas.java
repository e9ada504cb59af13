package io.payrail.app.cli;

import io.payrail.store.SchemaRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * The milestone event types every module publishes, with their JSON Schemas. Each module lists its
 * milestones in {@code schemas/milestones.txt} ("type version" per line) beside the schema files, so
 * the registry is built from declarations, not from a list kept here.
 */
public final class EventSchemas {
    public static final String INDEX = "schemas/milestones.txt";
    private static SchemaRegistry registry;

    private EventSchemas() {}

    public static synchronized SchemaRegistry registry() {
        if (registry == null) {
            registry = load();
        }
        return registry;
    }

    private static SchemaRegistry load() {
        SchemaRegistry loaded = SchemaRegistry.strict();
        try {
            Enumeration<URL> indexes = EventSchemas.class.getClassLoader().getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                    reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                            .forEach(line -> register(loaded, line, index));
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("could not read " + INDEX, failure);
        }
        return loaded;
    }

    private static void register(SchemaRegistry registry, String line, URL index) {
        String[] parts = line.split("\\s+");
        if (parts.length != 2 || !parts[1].matches("[1-9][0-9]{0,3}")) {
            throw new IllegalStateException(index + ": expected 'type version' per line, got '" + line + "'");
        }
        registry.registerFromClasspath(parts[0], Integer.parseInt(parts[1]));
    }
}
