/**
 * Customer satisfaction: a {@link io.github.coexist.core.feedback.Survey} (CSAT 1 to 5 and a
 * comment) offered on resolved incidents and fulfilled requests by the {@link
 * io.github.coexist.core.feedback.SurveyDesk}, responses recorded through the {@link
 * io.github.coexist.core.feedback.FeedbackRecords} port (Jira Service Management's CSAT, or
 * memory) and announced for the KPIs.
 */
@NullMarked
package io.github.coexist.core.feedback;

import org.jspecify.annotations.NullMarked;
