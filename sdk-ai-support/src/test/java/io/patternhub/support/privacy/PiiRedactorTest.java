package io.patternhub.support.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {
    private final PiiRedactor redactor = PiiRedactor.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "write to jane.doe+shop@example.co.uk today|write to [EMAIL] today",
        "order #104233 is missing|order #[ORDER] is missing",
        "my order number is PH-20931 thanks|my order number is [ORDER] thanks",
        "Card 4111 1111 1111 1111 was charged|Card [CARD] was charged",
        "call (555) 123-4567 please|call [PHONE] please",
        "I live at 221B Baker Street, London NW1 6XE.|I live at [ADDRESS], London [POSTCODE].",
        "Hauptstrasse 12, Berlin|[ADDRESS], Berlin",
        "ZIP 94103-1234|ZIP [POSTCODE]",
        "Hello, my name is Maria Lopez and|Hello, my name is [NAME] and",
    })
    void redacts(String in, String out) {
        assertThat(redactor.redact(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Cast on 88 (92, 96, 100, 104) stitches on 4.5 mm (US 7) needles.",
        "Sizes 0 to 30 need 3.6 m of 140 cm wide fabric; A0 is 841 x 1189 mm.",
        "Row 23 of the chart, page 2, 36 x 48 inch sheets.",
    })
    void leavesPatternNumbersAlone(String text) {
        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order #104233", "order number 3311207788"})
    void canKeepOrderNumbers(String text) {
        assertThat(PiiRedactor.keepingOrderNumbers(true).redact(text)).isEqualTo(text);
    }
}
