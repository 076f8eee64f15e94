package io.patternhub.core.model;

/** The craft a pattern is for. */
public enum Craft {
    SEWING,
    KNITTING,
    CROCHET,
    QUILTING,
    EMBROIDERY,
    CROSS_STITCH,
    WEAVING,
    MACRAME,
    OTHER
}
