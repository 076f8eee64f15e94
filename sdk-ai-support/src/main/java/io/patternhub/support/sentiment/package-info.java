/** Review sentiment for insights: a pattern-review lexicon offline, a language model when configured. */
package io.patternhub.support.sentiment;
