/**
 * How connections authenticate: OAuth 2.0 authorization code with PKCE ({@link io.patternhub.core.auth.OAuth2Client},
 * {@link io.patternhub.core.auth.OAuth2AuthScheme}), token storage ({@link io.patternhub.core.auth.TokenStore},
 * {@link io.patternhub.core.auth.EncryptedFileTokenStore}), and static credentials
 * ({@link io.patternhub.core.auth.ApiKeyAuth}, {@link io.patternhub.core.auth.BasicAuth}), combined with
 * {@link io.patternhub.core.auth.CompositeAuth}. The transport applies them through {@link io.patternhub.core.auth.AuthScheme}.
 */
package io.patternhub.core.auth;
