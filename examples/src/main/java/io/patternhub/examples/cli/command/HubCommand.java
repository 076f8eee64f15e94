package io.patternhub.examples.cli.command;

import io.patternhub.core.Platform;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.cli.connect.Connections;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/** What the hub-backed commands share: the context, the hub session and the storefront connections. */
abstract class HubCommand {
    protected final CliContext ctx;

    @Spec
    protected CommandSpec spec;

    protected HubCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    protected HubSession openHub() {
        return HubSession.open(ctx, ctx.settings());
    }

    protected static List<StorefrontConnection> connect(HubSession hub, List<Platform> platforms) {
        return Connections.storefronts(hub.settings(), hub::tokenStore, platforms);
    }

    protected static void closeAll(List<StorefrontConnection> connections) {
        connections.forEach(StorefrontConnection::close);
    }
}
