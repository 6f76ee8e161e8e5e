/**
 * What delivery pipelines tell coexist: a {@link io.github.coexist.core.delivery.DeploymentRequest}
 * (the change gate's input), the commits it carries, its size and its
 * {@link io.github.coexist.core.delivery.PipelineEvidence}.
 */
@NullMarked
package io.github.coexist.core.delivery;

import org.jspecify.annotations.NullMarked;
