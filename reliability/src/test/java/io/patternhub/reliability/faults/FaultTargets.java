package io.patternhub.reliability.faults;

import io.patternhub.accounting.quickbooks.QuickBooksLedger;
import io.patternhub.accounting.xero.XeroLedger;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.model.Listing;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.ravelry.RavelryStorefront;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.quickbooks.QuickBooksSandbox;
import io.patternhub.testkit.quickbooks.QuickBooksTokens;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.xero.XeroSandbox;
import io.patternhub.woocommerce.WooCommerceStorefront;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/** The six clients of the matrix, each on its own sandbox, with tiny retry delays and a short read timeout. */
final class FaultTargets {
    /** Quick retries: the matrix counts requests and outcomes, never time. */
    static final RetrySettings FAST_RETRY = new RetrySettings(4, Duration.ofMillis(5), Duration.ofMillis(20), 0.2,
            Duration.ofSeconds(2));
    /**
     * Below the injected header delay ({@link #SLOW_ANSWER}), so a slow answer is a timeout, yet long enough that
     * a clean answer on a loaded CI machine is not one: 300 ms failed the Etsy cells under a load average of 20,
     * and at 1 s a malformed-JSON answer delayed that long by load would be timed out, retried and answered
     * cleanly, so the cell would see no error.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The injected slow answer: two seconds past the timeout, so a client thread stalled on a busy machine still
     * times out; no longer, because closing a sandbox waits (at most 5 s) for the delayed answer to finish.
     */
    static final Duration SLOW_ANSWER = READ_TIMEOUT.plusSeconds(2);

    private FaultTargets() {
    }

    static FaultTarget create(String platform) {
        return switch (platform) {
            case "Etsy" -> etsy();
            case "Shopify" -> shopify();
            case "Ravelry" -> ravelry();
            case "WooCommerce" -> woo();
            case "Xero" -> xero();
            case "QuickBooks" -> quickBooks();
            default -> throw new IllegalArgumentException(platform);
        };
    }

    private static List<String> ids(Storefront store) {
        try (var s = store.listings()) {
            return s.map(Listing::externalId).sorted().toList();
        }
    }

    /** The ledgers expose no timeouts; a per-call read timeout set by an interceptor survives the transport's copy. */
    private static OkHttpClient shortReadTimeout() {
        return new OkHttpClient.Builder().addInterceptor(chain -> chain
                .withReadTimeout((int) READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).proceed(chain.request()))
                .build();
    }

    /** A target whose client is rebuilt from a credential; the expired one swaps the credential. */
    private static final class Simple<S extends SandboxServer, C extends AutoCloseable> implements FaultTarget {
        private final S sandbox;
        private final Function<String, C> build;
        private final Function<C, List<String>> read;
        private final Supplier<String> expired;
        private final boolean freshClientPerRead;
        private String credential;
        private C client;

        Simple(S sandbox, String credential, Function<String, C> build, Function<C, List<String>> read,
                Supplier<String> expired) {
            this(sandbox, credential, build, read, expired, false);
        }

        Simple(S sandbox, String credential, Function<String, C> build, Function<C, List<String>> read,
                Supplier<String> expired, boolean freshClientPerRead) {
            this.freshClientPerRead = freshClientPerRead;
            this.credential = credential;
            this.sandbox = sandbox;
            this.build = build;
            this.read = read;
            this.expired = expired;
            this.client = build.apply(credential);
        }

        @Override
        public SandboxServer sandbox() {
            return sandbox;
        }

        @Override
        public List<String> read() {
            if (freshClientPerRead) {
                closeQuietly(client);
                client = build.apply(credential);
            }
            return read.apply(client);
        }

        @Override
        public void switchToExpiredToken() {
            closeQuietly(client);
            credential = expired.get();
            client = build.apply(credential);
        }

        @Override
        public void close() {
            closeQuietly(client);
            sandbox.close();
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static FaultTarget etsy() {
        EtsySandbox etsy = EtsySandbox.builder().build().start();
        String token = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
        return new Simple<>(etsy, token, t -> EtsyStorefront.builder().shopId(etsy.defaultShopId())
                .apiKey(etsy.apiKey()).accessToken(t).baseUrl(etsy.baseUrl()).taxonomyId(2078).retry(FAST_RETRY)
                .transport(b -> b.readTimeout(READ_TIMEOUT)).build(), FaultTargets::ids, () -> {
                    String old = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
                    etsy.expireAccessToken(old);
                    return old;
                });
    }

    private static FaultTarget shopify() {
        ShopifySandbox shop = ShopifySandbox.builder().accessToken("shpat_live", "shpat_old")
                .costBucket(100_000, 100_000).build().start();
        URI graphql = URI.create(shop.graphqlUrl());
        return new Simple<>(shop, "shpat_live", t -> ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken(t)
                .clientSecret(shop.clientSecret()).retry(FAST_RETRY).transport(b -> b.readTimeout(READ_TIMEOUT))
                .build(), FaultTargets::ids, () -> {
                    shop.revokeAccessToken("shpat_old"); // Shopify offline tokens do not expire; revocation is the 401
                    return "shpat_old";
                });
    }

    private static FaultTarget ravelry() {
        RavelrySandbox ravelry = RavelrySandbox.builder().build().start();
        String token = ravelry.issueTokens(RavelrySandbox.STORE_SCOPES).accessToken();
        return new Simple<>(ravelry, token, t -> RavelryStorefront.builder().storeId(ravelry.defaultStoreId())
                .accessToken(t).baseUrl(ravelry.baseUrl()).retry(FAST_RETRY)
                .rateLimit(RateLimitSettings.perSecond(1000)).sleeper(d -> { })
                .transport(b -> b.readTimeout(READ_TIMEOUT)).build(), FaultTargets::ids, () -> {
                    String old = ravelry.issueTokens(RavelrySandbox.STORE_SCOPES).accessToken();
                    ravelry.expireAccessToken(old);
                    return old;
                }, true); // a fresh client per read: its ETag cache would answer the faulted read from a 304
    }

    private static FaultTarget woo() {
        WooCommerceSandbox woo = WooCommerceSandbox.builder().build().start();
        woo.addProduct("Tulip Skirt", "TS-1", "9.00", "https://files.example/ts.pdf");
        woo.addProduct("Fern Cardigan", "FC-1", "7.50", "https://files.example/fc.pdf");
        return new Simple<>(woo, woo.consumerSecret(), secret -> WooCommerceStorefront.builder()
                .siteUrl(woo.baseUrl()).credentials(woo.consumerKey(), secret).currency("EUR")
                .fileUrls(f -> URI.create("https://files.example/" + f.name())).retry(FAST_RETRY)
                .transport(b -> b.readTimeout(READ_TIMEOUT)).build(), FaultTargets::ids,
                () -> "cs_revoked_key"); // WooCommerce keys do not expire; a revoked key is its 401
    }

    private static FaultTarget xero() {
        XeroSandbox xero = XeroSandbox.xeroBuilder().validateAgainstSpec(false).build().start();
        return new Simple<>(xero, "Bearer live-token", header -> XeroLedger.builder().baseUrl(xero.apiBaseUrl())
                .identityBaseUrl(xero.baseUrl()).auth(ApiKeyAuth.header("Authorization", header))
                .okHttpClient(shortReadTimeout()).retry(FAST_RETRY).build(),
                l -> l.chartOfAccounts().stream().map(Account::code).sorted().toList(),
                // The Xero sandbox accepts any bearer token; a missing one is the 401 it models.
                () -> "Bearer");
    }

    private static FaultTarget quickBooks() {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T12:00:00Z"));
        QuickBooksSandbox qb = QuickBooksSandbox.quickBooksBuilder().clock(clock).strictTokens().build().start();
        QuickBooksTokens live = qb.issueTokens();
        return new Simple<>(qb, live.accessToken(), t -> QuickBooksLedger.builder().baseUrl(qb.baseUrl())
                .realmId(qb.realmId()).auth(ApiKeyAuth.header("Authorization", "Bearer " + t))
                .throttleWait(Duration.ofMillis(20)).okHttpClient(shortReadTimeout()).retry(FAST_RETRY).build(),
                l -> l.chartOfAccounts().stream().map(Account::code).sorted().toList(), () -> {
                    clock.advance(Duration.ofHours(2)); // past the hour every QuickBooks access token lives
                    return live.accessToken();
                });
    }
}
