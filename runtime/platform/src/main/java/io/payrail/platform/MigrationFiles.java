package io.payrail.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A digest of each module's migration files on the class path ({@code db/migration/<module>/}): every
 * file's name and bytes, in name order. Any added, removed, renamed or edited file changes it.
 */
final class MigrationFiles {
    /** A module's migrations are a handful of small SQL files; more than this is a packaging mistake. */
    static final int FILES_PER_MODULE_MAX = 1_000;
    static final long FILE_BYTES_MAX = 16L * 1024 * 1024;

    private MigrationFiles() {}

    static Map<String, String> digests(List<String> modules) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String module : modules) {
            digests.put(module, digest(module));
        }
        return Collections.unmodifiableMap(digests);
    }

    static String digest(String module) {
        return digest(module, MigrationFiles.class.getClassLoader());
    }

    static String digest(String module, ClassLoader loader) {
        Map<String, byte[]> files = files(loader, "db/migration/" + module + "/");
        MessageDigest sha256 = sha256();
        files.forEach((name, bytes) -> {
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            sha256.update(bytes);
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Every file under the folder, across all class path entries, by name relative to the folder. */
    private static Map<String, byte[]> files(ClassLoader loader, String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            var urls = loader.getResources(folder);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                switch (url.getProtocol()) {
                    case "jar" -> readJar(url, folder, files);
                    case "file" -> readFolder(Path.of(url.toURI()), files);
                    default -> throw new IllegalStateException("migrations at " + url + " are neither in a jar nor in a folder");
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("could not read the migrations under " + folder, failure);
        } catch (URISyntaxException failure) {
            throw new IllegalStateException("could not read the migrations under " + folder + ": " + failure.getMessage(), failure);
        }
        Check.that(files.size() <= FILES_PER_MODULE_MAX, "%s holds %d files, more than %d", folder, files.size(), FILES_PER_MODULE_MAX);
        return files;
    }

    private static void readJar(URL url, String folder, Map<String, byte[]> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        JarFile jar = connection.getJarFile();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (!entry.isDirectory() && entry.getName().startsWith(folder)) {
                try (InputStream in = jar.getInputStream(entry)) {
                    put(files, entry.getName().substring(folder.length()), in);
                }
            }
        }
    }

    private static void readFolder(Path folder, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(path)) {
                    put(files, folder.relativize(path).toString().replace('\\', '/'), in);
                }
            }
        }
    }

    private static void put(Map<String, byte[]> files, String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) FILE_BYTES_MAX + 1);
        Check.that(bytes.length <= FILE_BYTES_MAX, "migration %s is larger than %d bytes", name, FILE_BYTES_MAX);
        // Two class path entries with the same file: the digest must still see both.
        files.merge(name, bytes, (first, second) -> concat(first, second));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", missing);
        }
    }
}
