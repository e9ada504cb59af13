package io.payrail.app;

import io.payrail.http.Route;
import io.payrail.ledger.api.LedgerService;
import io.payrail.ledger.web.LedgerRoutes;
import io.payrail.platform.Database;
import java.util.List;

/** The ledger on this node: its service (writers start per ledger on first use) and its HTTP routes. */
record LedgerModule(LedgerService service, List<Route> routes) implements AutoCloseable {

    static LedgerModule start(Database database, String node) {
        LedgerService service = LedgerService.open(database.dataSource(), Platform.clock(), node);
        return new LedgerModule(service, new LedgerRoutes(service).routes());
    }

    @Override
    public void close() {
        service.close();
    }
}
