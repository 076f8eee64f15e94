/**
 * Language models: the {@link io.patternhub.support.llm.ChatModel} SPI, clients for OpenAI-compatible
 * chat completions and Anthropic Messages on the core HTTP transport, and configuration from the
 * environment.
 */
package io.patternhub.support.llm;
