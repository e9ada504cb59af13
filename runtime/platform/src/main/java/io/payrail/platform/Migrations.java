package io.payrail.platform;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies each module's schema migrations. Every module owns its migrations under
 * {@code db/migration/<module>} and its own history table, so modules can add migrations
 * independently without fighting over one global version sequence.
 */
public final class Migrations {
    private Migrations() {}

    /**
     * Migrates the named modules in order; returns the number of migrations applied. On a restart with
     * the same files (the common case) one query shows that nothing changed since the last successful
     * check ({@link MigrationChecks}) and Flyway is not even loaded; otherwise Flyway checks all modules
     * at once and migrates them only when something is pending. Every success is recorded.
     */
    public static int apply(DataSource dataSource, List<String> modules) {
        Map<String, String> files = MigrationFiles.digests(modules);
        if (MigrationChecks.unchangedSinceLastCheck(dataSource, files)) {
            return 0;
        }
        int applied = 0;
        if (modules.size() <= 1 || !verified(dataSource, modules)) {
            for (String module : modules) {
                applied += flyway(dataSource, module).migrate().migrationsExecuted;
            }
        }
        MigrationChecks.record(dataSource, files);
        return applied;
    }

    static String historyTable(String module) {
        return "schema_history_" + module;
    }

    /** True when every module's migrations are applied and valid (the /ready check). */
    public static boolean verified(DataSource dataSource, List<String> modules) {
        // Each module has its own history table, so the checks are independent and can run side by
        // side; each Flyway check may hold two connections at once, so a small pool checks in turn.
        if (poolSize(dataSource) < PARALLEL_CHECK_POOL_SIZE_MIN) {
            return modules.stream().allMatch(module -> verifiedOne(dataSource, module));
        }
        return modules.parallelStream().allMatch(module -> verifiedOne(dataSource, module));
    }

    /** Below this many pooled connections, parallel checks could wait on each other's connections. */
    static final int PARALLEL_CHECK_POOL_SIZE_MIN = 16;

    private static int poolSize(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
                    ? dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize() : 1;
        } catch (java.sql.SQLException unknown) {
            return 1;
        }
    }

    private static boolean verifiedOne(DataSource dataSource, String module) {
        Flyway flyway = flyway(dataSource, module);
        return flyway.validateWithResult().validationSuccessful && flyway.info().pending().length == 0;
    }

    private static Flyway flyway(DataSource dataSource, String module) {
        Check.argument(module.matches("[a-z]+"), "module name must be lowercase letters: %s", module);
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + module)
                .table(historyTable(module))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .loggers("slf4j")
                .load();
    }

    /** For callers that want Flyway's detailed result of one module. */
    static MigrateResult migrateOne(DataSource dataSource, String module) {
        return flyway(dataSource, module).migrate();
    }
}
