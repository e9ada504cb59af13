package io.payrail.ach;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The FedACH participant directory (FedACHdir.txt, fixed width), reduced to what validation and printing need:
 * routing number to institution name. The file is streamed line by line; any newer release with the same layout
 * can be loaded in its place.
 */
public final class RoutingDirectory {
    /** A directory has about 18,000 lines; this bound stops a wrong file from filling the heap. */
    public static final int PARTICIPANTS_MAX = 200_000;
    private static final int NAME_START = 35;
    private static final int NAME_END = 71;

    private final Map<Integer, String> namesByRoutingNumber;

    private RoutingDirectory(Map<Integer, String> namesByRoutingNumber) {
        this.namesByRoutingNumber = namesByRoutingNumber;
    }

    /** Loads the directory; a line that does not start with a valid routing number is a clear error. */
    public static RoutingDirectory load(Path file) throws IOException {
        Map<Integer, String> names = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() < NAME_END || !RoutingNumbers.isValid(line.substring(0, 9))) {
                    throw new IOException("FedACH directory " + file + " line " + lineNumber
                            + ": expected a 9-digit routing number and a name in positions 36-71");
                }
                if (names.size() >= PARTICIPANTS_MAX) {
                    throw new IOException("FedACH directory " + file + " has more than " + PARTICIPANTS_MAX
                            + " participants");
                }
                names.put(Integer.parseInt(line, 0, 9, 10), line.substring(NAME_START, NAME_END).strip());
            }
        }
        return new RoutingDirectory(Map.copyOf(names));
    }

    public static RoutingDirectory of(Map<String, String> namesByRoutingNumber) {
        Map<Integer, String> names = new HashMap<>();
        namesByRoutingNumber.forEach((routing, name) -> names.put(Integer.parseInt(routing), name));
        return new RoutingDirectory(Map.copyOf(names));
    }

    public Optional<String> institutionName(String routingNumber) {
        if (routingNumber.length() != 9 || !RoutingNumbers.isValid(routingNumber)) {
            return Optional.empty();
        }
        return Optional.ofNullable(namesByRoutingNumber.get(Integer.parseInt(routingNumber)));
    }

    public boolean contains(String routingNumber) {
        return institutionName(routingNumber).isPresent();
    }

    public int size() {
        return namesByRoutingNumber.size();
    }
}
