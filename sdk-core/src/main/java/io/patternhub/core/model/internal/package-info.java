/** Implementation details of the models; not for users. */
package io.patternhub.core.model.internal;
