package io.patternhub.support.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscalationPolicyTest {
    private final EscalationPolicy policy = EscalationPolicy.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Can I speak to a human?|HUMAN_REQUESTED",
        "I want to talk to a real person, not a bot|HUMAN_REQUESTED",
        "Please connect me to a manager.|HUMAN_REQUESTED",
        "Please refund me, the pattern is wrong|REFUND_REQUEST",
        "I would like to get a refund for order 1234|REFUND_REQUEST",
        "I was charged twice!|REFUND_REQUEST",
        "Please cancel my order|REFUND_REQUEST",
        "Can I have my money back?|REFUND_REQUEST",
        "Could you change the email on my order please?|ACCOUNT_SPECIFIC",
        "Please delete my account|ACCOUNT_SPECIFIC",
        "I forgot my password|ACCOUNT_SPECIFIC",
        "I need a VAT invoice|ACCOUNT_SPECIFIC",
    })
    void escalates(String message, EscalationReason reason) {
        assertThat(policy.check(message)).hasValueSatisfying(t -> assertThat(t.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "What is your refund policy?",
        "How long do approved refunds take to show up?",
        "How do I print only my size?",
        "Is seam allowance included?",
        "What does the designer recommend for fabric?",
    })
    void leavesDocumentationQuestionsAlone(String message) {
        assertThat(policy.check(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Where is my parcel?", "WHERE IS MY PARCEL"})
    void customRulesAreCaseInsensitiveAndOnlyAddedWhereAsked(String message) {
        EscalationPolicy custom = EscalationPolicy.empty().rule(EscalationReason.ACCOUNT_SPECIFIC, "\\bparcel\\b").build();
        assertThat(custom.check(message)).isPresent();
        assertThat(custom.check("I want a refund")).isEmpty();
        assertThat(policy.check(message)).isEmpty();
    }
}
