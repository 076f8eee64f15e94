package io.patternhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import io.patternhub.testkit.journal.JournalEntry;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private static final String ORDERS = "/orders";
    private final Http http = new Http();
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private SandboxServer server;

    @BeforeEach
    void start() {
        server = SandboxServer.builder().build().start();
        server.route("POST", ORDERS, req -> {
            String id = req.json().get("id").asText();
            orders.put(id, req.bodyText());
            return SandboxResponse.json(201, Map.of("id", id, "note", "a body long enough to be cut in half"));
        });
        server.route("GET", "/orders/{id}", req -> Optional.ofNullable(orders.get(req.pathParam("id")))
                .map(o -> SandboxResponse.json(Map.of("id", req.pathParam("id"))))
                .orElseThrow(() -> SandboxRejection.notFound("no order " + req.pathParam("id"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.baseUrl() + path;
    }

    @Test
    void tooManyRequestsWithRetryAfterForTheNextN() throws Exception {
        server.faults().throttleNext(2, Duration.ofMillis(1500));
        for (int i = 0; i < 2; i++) {
            Http.Reply r = http.post(url(ORDERS), "{\"id\":\"a\"}");
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("2");
        }
        assertThat(orders).isEmpty();
        assertThat(http.post(url(ORDERS), "{\"id\":\"a\"}").status()).isEqualTo(201);
        assertThat(server.faults().injectedCount()).isEqualTo(2);
    }

    @Test
    void serverErrorBurstOnlyHitsMatchingRequests() throws Exception {
        server.faults().next(3, RequestMatchers.route("GET", "/orders/{id}"), Fault.serverError(503));
        assertThat(http.post(url(ORDERS), "{\"id\":\"b\"}").status()).isEqualTo(201);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.get(url("/orders/b")).status());
        }
        assertThat(statuses).containsExactly(503, 503, 503, 200);
    }

    @Test
    void slowResponseTripsAShortReadTimeout() {
        server.faults().next(1, RequestMatchers.any(), Fault.slow(Duration.ofSeconds(1), Duration.ZERO));
        Http impatient = new Http(Duration.ofMillis(200));
        assertThatThrownBy(() -> impatient.post(url(ORDERS), "{\"id\":\"slow\"}"))
                .isInstanceOf(SocketTimeoutException.class);
        // The handler ran: a slow platform still processes the request.
        assertThat(orders).containsKey("slow");
    }

    @Test
    void disconnectMidBodyFailsWhileReadingTheBody() {
        server.faults().next(1, RequestMatchers.method("POST"), Fault.disconnectMidBody());
        assertThatThrownBy(() -> http.post(url(ORDERS), "{\"id\":\"cut\"}")).isInstanceOf(IOException.class);
        assertThat(server.journal().entries()).singleElement()
                .satisfies(e -> assertThat(e.fault()).contains("DISCONNECT_MID_BODY"));
    }

    @Test
    void malformedJsonKeepsStatusButBodyDoesNotParse() throws Exception {
        server.faults().next(1, RequestMatchers.method("POST"), Fault.malformedJson());
        Http.Reply r = http.post(url(ORDERS), "{\"id\":\"m\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThatThrownBy(() -> mapper.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void processThenDropChangesStateButTheClientSeesAFailure() throws Exception {
        server.faults().next(1, RequestMatchers.writes(), Fault.processThenDrop());
        assertThatThrownBy(() -> http.post(url(ORDERS), "{\"id\":\"dup\"}")).isInstanceOf(IOException.class);
        assertThat(orders).containsKey("dup");
        assertThat(http.get(url("/orders/dup")).status()).isEqualTo(200);
        JournalEntry dropped = server.journal().entries().get(0);
        assertThat(dropped.handled()).isTrue();
        assertThat(dropped.fault()).contains("PROCESS_THEN_DROP");
    }

    @Test
    void dropBeforeProcessingLeavesStateUnchanged() throws Exception {
        server.faults().next(1, RequestMatchers.writes(), Fault.dropBeforeProcessing());
        assertThatThrownBy(() -> http.post(url(ORDERS), "{\"id\":\"lost\"}")).isInstanceOf(IOException.class);
        assertThat(orders).isEmpty();
        assertThat(server.journal().entries().get(0).handled()).isFalse();
    }

    @Test
    void seededStormIsReproducible() throws Exception {
        List<Fault> kinds = List.of(Fault.serverError(500), Fault.serverError(502), Fault.tooManyRequests(Duration.ofSeconds(1)));
        List<Integer> first = stormStatuses(kinds);
        server.close();
        start();
        List<Integer> second = stormStatuses(kinds);
        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200).containsAnyOf(500, 502, 429);
        // maxFaults caps the storm.
        assertThat(first.stream().filter(s -> s != 200).count()).isLessThanOrEqualTo(8);
    }

    private List<Integer> stormStatuses(List<Fault> kinds) throws IOException {
        FaultPlan storm = server.faults().add(FaultPlan.storm(42L, 0.5, 8, kinds));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int status = http.get(url("/orders/none")).status();
            statuses.add(status == 404 ? 200 : status); // 404 is the unfaulted answer here
        }
        assertThat(storm.injectedCount()).isPositive();
        return statuses;
    }
}
