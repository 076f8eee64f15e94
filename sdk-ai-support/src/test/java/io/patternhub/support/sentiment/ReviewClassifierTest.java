package io.patternhub.support.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.support.llm.OpenAiCompatibleChatModel;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewClassifierTest {
    private final LexiconReviewClassifier lexicon = new LexiconReviewClassifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Clear instructions and it fits perfectly. Love it!|POSITIVE",
        "Very easy to follow, my first dress!|POSITIVE",
        "The instructions were confusing and the pieces didn't match at the side seam.|NEGATIVE",
        "Runs small, and there is an error in the chart on row 12.|NEGATIVE",
        "Couldn't download the files, very disappointed.|NEGATIVE",
        "Not confusing at all, which I feared.|POSITIVE",
        "Downloaded the pattern.|NEUTRAL",
        "Looked confusing at first but the instructions were so clear in the end, great pattern.|POSITIVE",
        "Beautiful photos but the sleeves came out way too small.|NEGATIVE",
    })
    void classifiesPatternReviews(String text, Sentiment expected) {
        assertThat(lexicon.classify(Review.of(text)).sentiment()).isEqualTo(expected);
    }

    @Test
    void theReasonNamesWhatWasDisliked() {
        SentimentResult r = lexicon.classify(Review.of("Pieces don't match and there are typos everywhere."));
        assertThat(r.sentiment()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(r.reason()).contains("pieces did not match").contains("errors in the pattern");
        assertThat(r.classifier()).isEqualTo("lexicon");
    }

    @Test
    void starsCountWhenTheTextSaysLittle() {
        assertThat(lexicon.classify(Review.of("ok", 1)).sentiment()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(lexicon.classify(Review.of("ok", 5)).sentiment()).isEqualTo(Sentiment.POSITIVE);
        assertThat(lexicon.classify(Review.of("ok", 3)).sentiment()).isEqualTo(Sentiment.NEUTRAL);
        assertThatThrownBy(() -> Review.of("x", 6)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theLlmClassifierSendsARedactedReviewAndReadsItsVerdict() throws Exception {
        try (MockWebServer server = new MockWebServer();
                OpenAiCompatibleChatModel model = OpenAiCompatibleChatModel.builder().baseUrl(server.url("/v1").toString())
                        .model("m").retry(RetrySettings.none()).build()) {
            server.enqueue(completion("{\\\"sentiment\\\": \\\"negative\\\", \\\"reason\\\": \\\"sizing chart wrong\\\"}"));
            server.enqueue(completion("I think it is negative."));
            server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":{\"message\":\"bad key\"}}"));
            ReviewClassifier classifier = ReviewClassifier.create(Optional.of(model));

            SentimentResult r = classifier.classify(Review.of("Size chart is wrong. Email me at kim@example.com", 2));
            assertThat(r).isEqualTo(new SentimentResult(Sentiment.NEGATIVE, "sizing chart wrong", "llm"));
            String body = server.takeRequest().getBody().readUtf8();
            assertThat(body).contains("Rating: 2 of 5").contains("[EMAIL]").doesNotContain("kim@example.com");

            SentimentResult fallback = classifier.classify(Review.of("Confusing instructions."));
            assertThat(fallback.sentiment()).isEqualTo(Sentiment.NEGATIVE);
            assertThat(fallback.classifier()).isEqualTo("lexicon");
            assertThat(fallback.reason()).contains("model reply unusable");

            assertThatThrownBy(() -> classifier.classify(Review.of("x"))).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void withoutAModelTheLexiconIsUsed() {
        assertThat(ReviewClassifier.create(Optional.empty())).isInstanceOf(LexiconReviewClassifier.class);
    }

    private static MockResponse completion(String content) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(
                "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\""
                        + content + "\"}}]}");
    }
}
