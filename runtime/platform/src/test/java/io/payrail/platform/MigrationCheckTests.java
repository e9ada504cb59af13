package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationCheckTests {

    @Test
    void a_successful_migration_records_the_digest_of_the_files_it_checked() throws SQLException {
        try (TestDatabase database = TestDatabase.create("platform")) {
            assertThat(recordedFilesDigest(database, "platform")).isEqualTo(MigrationFiles.digest("platform"));
            assertThat(Migrations.apply(database.dataSource(), List.of("platform"))).isZero();
        }
    }

    @Test
    void a_history_table_changed_behind_flyway_is_checked_by_flyway_again_and_refused() throws SQLException {
        try (TestDatabase database = TestDatabase.create("platform")) {
            execute(database, "UPDATE schema_history_platform SET checksum = checksum + 1 WHERE version = '1'");

            assertThatThrownBy(() -> Migrations.apply(database.dataSource(), List.of("platform")))
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void a_recorded_digest_for_other_files_makes_the_start_check_with_flyway() throws SQLException {
        try (TestDatabase database = TestDatabase.create("platform")) {
            execute(database, "UPDATE platform_migration_check SET files_digest = 'from an older build'");

            assertThat(Migrations.apply(database.dataSource(), List.of("platform"))).isZero();

            assertThat(recordedFilesDigest(database, "platform")).isEqualTo(MigrationFiles.digest("platform"));
        }
    }

    @Test
    void a_database_without_the_check_table_is_migrated_by_flyway() throws SQLException {
        try (TestDatabase database = TestDatabase.create("platform")) {
            execute(database, "DROP TABLE platform_migration_check");

            assertThat(MigrationChecks.unchangedSinceLastCheck(database.dataSource(), MigrationFiles.digests(List.of("platform"))))
                    .isFalse();
        }
    }

    @Test
    void editing_adding_or_renaming_a_migration_file_changes_the_digest(@TempDir Path folder) throws IOException {
        Path migrations = Files.createDirectories(folder.resolve("db/migration/sample"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id int);");
        String original = digestOf(folder);

        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id bigint);");
        String edited = digestOf(folder);
        Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE b (id int);");
        String added = digestOf(folder);
        Files.move(migrations.resolve("V2__second.sql"), migrations.resolve("V3__second.sql"));
        String renamed = digestOf(folder);

        assertThat(List.of(original, edited, added, renamed)).doesNotHaveDuplicates();
        Files.delete(migrations.resolve("V3__second.sql"));
        assertThat(digestOf(folder)).isEqualTo(edited);
    }

    @Test
    void the_same_files_in_a_jar_and_in_a_folder_have_the_same_digest(@TempDir Path folder) throws IOException {
        Path migrations = Files.createDirectories(folder.resolve("classes/db/migration/sample"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id int);");
        Path jar = folder.resolve("sample.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/migration/sample/"));
            out.putNextEntry(new JarEntry("db/migration/sample/V1__first.sql"));
            writeTo(out, "CREATE TABLE a (id int);");
        }

        assertThat(digestOf(jar)).isEqualTo(digestOf(folder.resolve("classes")));
    }

    private static void writeTo(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String digestOf(Path classPathEntry) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPathEntry.toUri().toURL()}, null)) {
            return MigrationFiles.digest("sample", loader);
        }
    }

    private static String recordedFilesDigest(TestDatabase database, String module) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT files_digest FROM platform_migration_check WHERE module = '" + module + "'")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
