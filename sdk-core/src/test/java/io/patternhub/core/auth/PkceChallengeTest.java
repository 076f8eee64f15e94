package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceChallengeTest {

    @Test
    void matchesRfc7636AppendixBVector() {
        PkceChallenge pkce = PkceChallenge.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(pkce.method()).isEqualTo("S256");
    }

    @Test
    void generatedVerifiersAreLongRandomAndInTheRfcAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            PkceChallenge pkce = PkceChallenge.generate(random);
            assertThat(pkce.verifier()).hasSizeBetween(43, 128).matches("[A-Za-z0-9._~-]+");
            assertThat(pkce.challenge()).doesNotContain("=").hasSize(43);
            assertThat(PkceChallenge.fromVerifier(pkce.verifier()).challenge()).isEqualTo(pkce.challenge());
            seen.add(pkce.verifier());
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void rejectsVerifiersOutsideRfc7636() {
        assertThatThrownBy(() -> PkceChallenge.fromVerifier("a".repeat(42)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("43 to 128");
        assertThatThrownBy(() -> PkceChallenge.fromVerifier("a".repeat(129)))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> PkceChallenge.fromVerifier("a".repeat(42) + "+"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("index 42");
    }

    @Test
    void toStringHidesTheVerifier() {
        PkceChallenge pkce = PkceChallenge.generate(new SecureRandom());
        assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
    }
}
