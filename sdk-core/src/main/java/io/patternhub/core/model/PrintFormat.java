package io.patternhub.core.model;

/** How a pattern file is meant to be printed or used. */
public enum PrintFormat {
    /** Home printing on A4 sheets, tiled. */
    A4,
    /** Home printing on US Letter sheets, tiled. */
    US_LETTER,
    /** Large-format sheets (A0, 36 inch) for a copy shop. */
    A0_COPY_SHOP,
    /** Projector file: full-size lines for projecting onto fabric. */
    PROJECTOR,
    /** Instructions, charts or anything else. */
    OTHER
}
