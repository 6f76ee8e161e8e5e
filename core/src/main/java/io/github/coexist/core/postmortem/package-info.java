/**
 * Blameless postmortems: the {@link io.github.coexist.core.postmortem.PostmortemDrafter} writes a
 * {@link io.github.coexist.core.postmortem.Postmortem} draft for an incident: its timeline
 * (alerts, state changes, deployments and changes around it, who acted when), its impact, the
 * contributing factors phrased about systems and processes (never about a person), and action
 * items that can become problems or changes. Rendered as Markdown.
 */
@NullMarked
package io.github.coexist.core.postmortem;

import org.jspecify.annotations.NullMarked;
