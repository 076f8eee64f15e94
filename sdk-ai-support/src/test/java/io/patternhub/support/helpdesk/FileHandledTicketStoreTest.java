package io.patternhub.support.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHandledTicketStoreTest {
    @TempDir
    Path tmp;

    @Test
    void claimsOnceAndRemembersAcrossReopening() {
        Path file = tmp.resolve("h.log");
        String odd = "<id\twith\ttabs\nand newline@x>";
        try (FileHandledTicketStore store = new FileHandledTicketStore(file)) {
            assertThat(store.claim("<a@x>")).isTrue();
            assertThat(store.claim("<a@x>")).isFalse();
            assertThat(store.claim(odd)).isTrue();
            store.complete(odd, "ANSWERED");
        }
        try (FileHandledTicketStore store = new FileHandledTicketStore(file)) {
            assertThat(store.state("<a@x>")).hasValue(HandledTicketStore.State.CLAIMED);
            assertThat(store.state(odd)).hasValue(HandledTicketStore.State.DONE);
            assertThat(store.state("<b@x>")).isEmpty();
            assertThat(store.claim(odd)).isFalse();
        }
    }

    @Test
    void refusesAFileThatIsNotAStore() throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.log"), "HELLO\tworld\n");
        assertThatThrownBy(() -> new FileHandledTicketStore(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unknown event");
    }
}
