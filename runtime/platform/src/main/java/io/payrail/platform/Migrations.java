package io.payrail.platform;

import java.util.List;
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

    /** Migrates the named modules in order; returns the number of migrations applied. */
    public static int apply(DataSource dataSource, List<String> modules) {
        int applied = 0;
        for (String module : modules) {
            applied += flyway(dataSource, module).migrate().migrationsExecuted;
        }
        return applied;
    }

    /** True when every module's migrations are applied and valid (the /ready check). */
    public static boolean verified(DataSource dataSource, List<String> modules) {
        for (String module : modules) {
            Flyway flyway = flyway(dataSource, module);
            if (!flyway.validateWithResult().validationSuccessful || flyway.info().pending().length > 0) {
                return false;
            }
        }
        return true;
    }

    private static Flyway flyway(DataSource dataSource, String module) {
        Check.argument(module.matches("[a-z]+"), "module name must be lowercase letters: %s", module);
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + module)
                .table("schema_history_" + module)
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
