package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.auth.ClientAuthMethod;
import io.patternhub.core.auth.OAuth2Client;
import io.patternhub.core.auth.OAuth2Config;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.auth.PkceChallenge;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.testkit.time.ManualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import okhttp3.FormBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EtsySandboxAuthAndLimitsTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private EtsySandbox etsy;

    @AfterEach
    void stop() {
        if (etsy != null) {
            assertThat(etsy.responseViolations()).isEmpty();
            etsy.close();
        }
    }

    private EtsyClient start(EtsySandbox.Builder builder) {
        etsy = builder.clock(clock).build().start();
        return new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
    }

    @Test
    void everyCallNeedsTheApiKeyAsKeystringColonSecret() {
        EtsyClient client = start(EtsySandbox.builder().credentials("myapp", "s3cret"));
        String shop = "/v3/application/shops/" + etsy.defaultShopId();

        assertThat(etsy.apiKey()).isEqualTo("myapp:s3cret");
        assertThat(client.get(shop).status()).isEqualTo(200);
        EtsyClient.Reply missing = client.apiKey(null).get(shop);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).contains("x-api-key");
        assertThat(client.apiKey("myapp").get(shop).status()).as("keystring alone").isEqualTo(401);
    }

    @Test
    void expiredTokenGets401InEtsysErrorShapeAndMissingScopeGets403() {
        EtsyClient client = start(EtsySandbox.builder());
        String receipts = "/v3/application/shops/" + etsy.defaultShopId() + "/receipts";
        assertThat(client.get(receipts).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(61));
        EtsyClient.Reply expired = client.get(receipts);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error").asText()).contains("expired");

        EtsyClient readOnly = new EtsyClient(etsy, etsy.issueTokens(Set.of("listings_r")).accessToken());
        EtsyClient.Reply forbidden = readOnly.get(receipts);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("error").asText()).contains("transactions_r");

        EtsyClient fresh = new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
        String token = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
        etsy.expireAccessToken(token);
        assertThat(fresh.get(receipts).status()).isEqualTo(200);
        assertThat(fresh.token(token).get(receipts).status()).isEqualTo(401);
    }

    @Test
    void refreshRotatesTheRefreshTokenThroughTheCoreOAuthClient() {
        start(EtsySandbox.builder());
        EtsyTokens issued = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
        OAuth2Client oauth = OAuth2Client.builder(OAuth2Config.builder().tokenEndpoint(etsy.tokenUrl())
                .clientId(etsy.keystring()).clientAuthMethod(ClientAuthMethod.NONE)
                .redirectUri("https://app.example/callback").scopes("listings_r", "transactions_r").build())
                .clock(clock).build();

        OAuthToken refreshed = oauth.refresh(issued.refreshToken());

        assertThat(refreshed.accessToken()).startsWith(etsy.defaultUserId() + ".").isNotEqualTo(issued.accessToken());
        assertThat(refreshed.refreshToken()).hasValueSatisfying(r -> assertThat(r).isNotEqualTo(issued.refreshToken()));
        assertThat(refreshed.expiresAt()).contains(clock.instant().plusSeconds(3600));
        assertThat(etsy.refreshCount()).isEqualTo(1);
        assertThatThrownBy(() -> oauth.refresh(issued.refreshToken())).as("a used refresh token is dead")
                .isInstanceOf(AuthenticationException.class);
        assertThat(new EtsyClient(etsy, refreshed.accessToken())
                .get("/v3/application/shops/" + etsy.defaultShopId() + "/receipts").status()).isEqualTo(200);
    }

    @Test
    void authorizationCodeNeedsTheMatchingPkceVerifier() {
        start(EtsySandbox.builder());
        PkceChallenge pkce = PkceChallenge.generate(new SecureRandom());
        String code = etsy.issueAuthorizationCode(pkce.challenge(), "https://app.example/callback",
                EtsySandbox.DEFAULT_SCOPES);
        OAuth2Client oauth = OAuth2Client.builder(OAuth2Config.builder().tokenEndpoint(etsy.tokenUrl())
                .clientId(etsy.keystring()).clientAuthMethod(ClientAuthMethod.NONE)
                .redirectUri("https://app.example/callback").scopes("listings_r").build()).clock(clock).build();

        String otherVerifier = PkceChallenge.generate(new SecureRandom()).verifier();
        assertThatThrownBy(() -> oauth.exchangeCode(code, otherVerifier)).isInstanceOf(AuthenticationException.class);

        String code2 = etsy.issueAuthorizationCode(pkce.challenge(), "https://app.example/callback",
                EtsySandbox.DEFAULT_SCOPES);
        OAuthToken token = oauth.exchangeCode(code2, pkce.verifier());
        assertThat(token.refreshToken()).isPresent();
        assertThatThrownBy(() -> oauth.exchangeCode(code2, pkce.verifier())).as("codes are single-use")
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void tokenEndpointRejectsAForeignClientId() {
        EtsyClient client = start(EtsySandbox.builder());
        EtsyTokens issued = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
        EtsyClient.Reply r = client.post(EtsySandbox.TOKEN_PATH, new FormBody.Builder().add("grant_type", "refresh_token")
                .add("client_id", "someone-else").add("refresh_token", issued.refreshToken()).build());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(etsy.refreshCount()).isZero();
    }

    @Test
    void elevenRequestsInOneSecondGiveA429WithRetryAfterAndLimitHeaders() {
        EtsyClient client = start(EtsySandbox.builder());
        String ping = "/v3/application/openapi-ping";

        for (int i = 0; i < 10; i++) {
            EtsyClient.Reply ok = client.get(ping);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("x-limit-per-second")).isEqualTo("10");
            assertThat(ok.header("x-remaining-this-second")).isEqualTo(Integer.toString(9 - i));
            assertThat(ok.header("x-limit-per-day")).isEqualTo("10000");
            assertThat(ok.header("x-remaining-today")).isEqualTo(Integer.toString(9999 - i));
        }
        EtsyClient.Reply throttled = client.get(ping);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("retry-after")).isEqualTo("1");
        assertThat(throttled.header("x-remaining-this-second")).isEqualTo("0");
        assertThat(throttled.json().get("error").asText()).isNotBlank();

        clock.advance(Duration.ofSeconds(1));
        assertThat(client.get(ping).status()).isEqualTo(200);
        assertThat(etsy.limiters().get(0).rejectedCount()).isEqualTo(1);
    }

    @Test
    void theDailyQuotaThrottlesToo() {
        EtsyClient client = start(EtsySandbox.builder().perSecondLimit(0).perDayLimit(5));
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/v3/application/openapi-ping").status()).isEqualTo(200);
        }
        EtsyClient.Reply throttled = client.get("/v3/application/openapi-ping");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("x-remaining-today")).isEqualTo("0");
        assertThat(Long.parseLong(throttled.header("retry-after"))).isPositive();
    }

    @Test
    void getMeNamesTheUserAndShop() {
        EtsyClient client = start(EtsySandbox.builder());
        EtsyClient.Reply me = client.get("/v3/application/users/me");

        assertThat(me.json().get("user_id").asLong()).isEqualTo(etsy.defaultUserId());
        assertThat(me.json().get("shop_id").asLong()).isEqualTo(etsy.defaultShopId());
    }
}
