package io.patternhub.support.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {
    private final KnowledgeBase kb = SampleKb.get();
    private final ExtractiveAnswerer answerer = ExtractiveAnswerer.builder(kb).build();

    @Test
    void answersFromThePatternPdfAndCitesThePage() {
        Answer a = answerer.answer(Inquiry.of("How much fabric do I need for the Juniper Wrap Dress in size 14?"));
        assertThat(a.answered()).isTrue();
        assertThat(a.text()).contains("3.6 m").contains("Source").contains("page 2");
        assertThat(a.citations()).anySatisfy(c -> {
            assertThat(c.documentId()).isEqualTo("patterns/juniper-wrap-dress.pdf");
            assertThat(c.page()).isEqualTo(2);
        });
    }

    @Test
    void answersFromMarkdownAndCitesTheSection() {
        Answer a = answerer.answer(Inquiry.of("Is seam allowance included in your sewing patterns?"));
        assertThat(a.answered()).isTrue();
        assertThat(a.text()).contains("1.5 cm");
        assertThat(a.citations()).first().satisfies(c -> {
            assertThat(c.documentId()).isEqualTo("seam-allowance.md");
            assertThat(c.section()).isEqualTo("Seam allowance is included");
        });
    }

    @Test
    void quotesTheAnswerOfAFaqRatherThanItsQuestion() {
        Answer a = answerer.answer(Inquiry.of("Do you sell printed paper patterns?"));
        assertThat(a.text()).contains("PDF downloads only").doesNotStartWith("Do you sell");
    }

    @Test
    void abstainsWhenTheDocumentationDoesNotCoverTheQuestion() {
        Answer a = answerer.answer(Inquiry.builder().subject("Teddy bear?").body("Do you have a pattern for a teddy bear?")
                .customerEmail("sam@example.com").build());
        assertThat(a.escalated()).isTrue();
        assertThat(a.citations()).isEmpty();
        assertThat(a.text()).isEqualTo(Answer.HOLDING_REPLY);
        Escalation e = a.escalation().orElseThrow();
        assertThat(e.reason()).isEqualTo(EscalationReason.NOT_IN_DOCUMENTATION);
        assertThat(e.summary()).contains("teddy bear").contains("sam@example.com").contains("below the 60% needed");
    }

    @Test
    void aStricterThresholdAbstainsMore() {
        Inquiry partly = Inquiry.of("Which copy shop file should I use in Canada?");
        assertThat(ExtractiveAnswerer.builder(kb).minCoverage(0.3).build().answer(partly).answered()).isTrue();
        assertThat(ExtractiveAnswerer.builder(kb).minCoverage(0.9).build().answer(partly).escalated()).isTrue();
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> ExtractiveAnswerer.builder(kb).minCoverage(1.5)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ExtractiveAnswerer.builder(kb).candidates(0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Inquiry.of("  ")).isInstanceOf(InvalidRequestException.class);
    }
}
