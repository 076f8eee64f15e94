package io.patternhub.support.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassageQueryTest {

    @Test
    void keepsEveryTermUpToTheCap() {
        Map<String, Double> idf = new LinkedHashMap<>();
        idf.put("seam", 1.0);
        idf.put("allow", 3.0);
        assertThat(PassageQuery.strongest(idf, 2)).containsExactly("seam", "allow");
    }

    @Test
    void aboveTheCapKeepsTheRarestTermsInTheirOriginalOrder() {
        Map<String, Double> idf = new LinkedHashMap<>();
        idf.put("common", 0.1);
        idf.put("rare", 9.0);
        idf.put("tieA", 2.0);
        idf.put("mid", 5.0);
        idf.put("tieB", 2.0);
        // Cap 3: rare and mid, then of the tied pair the one that came first.
        assertThat(PassageQuery.strongest(idf, 3)).isEqualTo(List.of("rare", "tieA", "mid"));
    }
}
