/** The sample knowledge base and evaluation dataset for the demo catalogue. */
package io.patternhub.support.sample;
