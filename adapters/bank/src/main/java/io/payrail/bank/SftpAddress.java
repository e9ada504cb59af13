package io.payrail.bank;

import io.payrail.platform.Check;
import java.net.URI;
import java.net.URISyntaxException;

/** Where the bank's SFTP server is: {@code sftp://user@host:port/path}. The path is the base folder. */
public record SftpAddress(String user, String host, int port, String basePath) {
    public static final int DEFAULT_PORT = 22;

    public SftpAddress {
        Check.argument(user != null && !user.isBlank(), "SFTP user must be given (sftp://user@host:port/path)");
        Check.argument(host != null && !host.isBlank(), "SFTP host must be given (sftp://user@host:port/path)");
        Check.argument(port > 0 && port < 65_536, "SFTP port must be 1..65535, got %d", port);
        Check.argument(basePath != null && basePath.startsWith("/"), "SFTP base path must be absolute, got %s", basePath);
    }

    /** Parses {@code sftp://user@host[:port][/path]}; a missing path means the root {@code /}. */
    public static SftpAddress parse(String url) {
        Check.argument(url != null && !url.isBlank(), "the bank SFTP URL is empty");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException failure) {
            throw new IllegalArgumentException("the bank SFTP URL is not a URL: " + failure.getMessage());
        }
        Check.argument("sftp".equalsIgnoreCase(uri.getScheme()),
                "the bank SFTP URL must start with sftp://, got scheme %s", uri.getScheme());
        Check.argument(uri.getUserInfo() != null && !uri.getUserInfo().contains(":"),
                "the bank SFTP URL must name a user and no password (sftp://user@host:port/path)");
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return new SftpAddress(uri.getUserInfo(), uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path);
    }

    /** {@code basePath/child}, for the folders inside the base path. */
    public String resolve(String child) {
        Check.argument(!child.contains("..") && !child.startsWith("/"), "folder must be relative, got %s", child);
        return basePath.endsWith("/") ? basePath + child : basePath + "/" + child;
    }

    @Override
    public String toString() {
        return "sftp://" + user + "@" + host + ":" + port + basePath;
    }
}
