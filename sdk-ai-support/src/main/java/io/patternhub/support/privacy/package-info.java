/** Personal-data redaction applied to everything sent to a language model. */
package io.patternhub.support.privacy;
