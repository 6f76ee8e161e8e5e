/**
 * The few values every capability shares: typed identifiers ({@link
 * io.github.coexist.core.kernel.ChangeId}, {@link io.github.coexist.core.kernel.IncidentId},
 * {@link io.github.coexist.core.kernel.DeploymentId}, ...), who acted ({@link
 * io.github.coexist.core.kernel.Actor}) and where an external tool keeps a record ({@link
 * io.github.coexist.core.kernel.ExternalKey}). Typed identifiers make it impossible to pass a
 * Jira key where a ServiceNow sys_id or a coexist id is meant.
 */
@NullMarked
package io.github.coexist.core.kernel;

import org.jspecify.annotations.NullMarked;
