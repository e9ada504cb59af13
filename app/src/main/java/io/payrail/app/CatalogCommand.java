package io.payrail.app;

import io.payrail.function.Catalog;
import io.payrail.ledger.web.LedgerRoutes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code payrail catalog --format text|json|dot}: drawn from the same declarations the node starts
 * (background functions and the domains' routes), without starting anything.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Every function with its trigger and limits; every event type with its schema, publishers and subscribers.")
final class CatalogCommand implements Callable<Integer> {
    @Option(names = "--format", defaultValue = "text", description = "text, json or dot (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        Catalog.Format parsed = Catalog.Format.parse(format);
        var registry = NodeFunctions.catalog(NodeFunctions.background(NodeFunctions.Services.unavailable()),
                new LedgerRoutes(() -> {
                    throw new IllegalStateException("the catalog runs no route");
                }).routes());
        System.out.print(Catalog.render(registry, parsed));
        return 0;
    }
}
