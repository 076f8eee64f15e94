package io.patternhub.support.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.EscalationReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportDemoTest {

    @Test
    void answersCustomerQuestionsWithCitationsAndEscalatesTheRefund() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<Answer> answers = SupportDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String transcript = buf.toString(StandardCharsets.UTF_8);

        assertThat(answers).hasSize(5);
        assertThat(answers.get(0).text()).contains("100%");
        assertThat(answers.get(1).text()).contains("3.6 m");
        assertThat(answers.get(1).citations()).anySatisfy(c -> assertThat(c.page()).isEqualTo(2));
        assertThat(answers.get(2).text()).contains("UK double crochet");
        assertThat(answers.subList(0, 3)).allSatisfy(a -> assertThat(a.citations()).isNotEmpty());
        assertThat(answers.get(3).actions()).contains("Resent the download links for order 1001");
        assertThat(answers.get(4).escalation()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(EscalationReason.REFUND_REQUEST));
        assertThat(answers).filteredOn(Answer::escalated).hasSize(1);
        assertThat(transcript).contains("[escalated to a person]").contains("[action] Resent the download links");
    }
}
