package io.github.coexist.app.kpis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.coexist.core.kpi.DoraLevel;
import io.github.coexist.core.kpi.FailedDeployment;
import io.github.coexist.core.kpi.KpiReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes a {@link KpiReport} as the {@code kpis} command's JSON document: fields in a fixed order,
 * {@code null} for every value of an empty set.
 */
public final class KpiReportJson {
  private KpiReportJson() {}

  /** The report as a JSON tree, the same document {@link #write} prints. */
  public static com.fasterxml.jackson.databind.node.ObjectNode tree(KpiReport report, List<FailedDeployment> failures,
      Optional<String> service) {
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      write(report, failures, service, text);
      return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(text.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("writing to a string cannot fail", e);
    }
  }

  /**
   * Writes the {@code kpis} command's JSON document of {@code report}, pretty-printed, to {@code
   * out}; {@code failures} are the deployments its change failure rate counts as failed, with why.
   */
  public static void write(KpiReport report, List<FailedDeployment> failures, Optional<String> service, Writer out)
      throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the stream (System.out)
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeObjectFieldStart("window");
      json.writeStringField("from", report.window().from().toString());
      json.writeStringField("to", report.window().to().toString());
      json.writeEndObject();
      json.writeFieldName("service");
      if (service.isPresent()) {
        json.writeString(service.get());
      } else {
        json.writeNull();
      }
      dora(json, report.dora(), failures);
      itsm(json, report.itsm());
      json.writeEndObject();
      json.writeRaw('\n');
    }
  }

  private static void dora(JsonGenerator json, KpiReport.Dora dora, List<FailedDeployment> failures) throws IOException {
    json.writeObjectFieldStart("dora");
    json.writeObjectFieldStart("deploymentFrequency");
    json.writeNumberField("deployments", dora.deploymentFrequency().deployments());
    number(json, "perDay", dora.deploymentFrequency().perDay());
    json.writeNumberField("deploymentDays", dora.deploymentFrequency().deploymentDays());
    level(json, dora.deploymentFrequency().level());
    json.writeEndObject();
    json.writeObjectFieldStart("leadTimeForChanges");
    number(json, "medianSeconds", dora.leadTimeForChanges().medianSeconds());
    number(json, "p90Seconds", dora.leadTimeForChanges().p90Seconds());
    level(json, dora.leadTimeForChanges().level());
    json.writeEndObject();
    json.writeObjectFieldStart("changeFailureRate");
    number(json, "rate", dora.changeFailureRate().rate());
    json.writeNumberField("failed", dora.changeFailureRate().failed());
    json.writeNumberField("total", dora.changeFailureRate().total());
    level(json, dora.changeFailureRate().level());
    json.writeArrayFieldStart("failures");
    for (FailedDeployment failure : failures) {
      json.writeStartObject();
      json.writeStringField("deployment", failure.deployment().value());
      json.writeStringField("service", failure.service().value());
      json.writeStringField("finishedAt", failure.finishedAt().toString());
      json.writeArrayFieldStart("why");
      for (String why : failure.why()) {
        json.writeString(why);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("failedDeploymentRecoveryTime");
    number(json, "medianSeconds", dora.failedDeploymentRecoveryTime().medianSeconds());
    level(json, dora.failedDeploymentRecoveryTime().level());
    json.writeEndObject();
    json.writeObjectFieldStart("reworkRate");
    number(json, "rate", dora.reworkRate().rate());
    json.writeNumberField("hotfixes", dora.reworkRate().hotfixes());
    json.writeNumberField("total", dora.reworkRate().total());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void itsm(JsonGenerator json, KpiReport.Itsm itsm) throws IOException {
    json.writeObjectFieldStart("itsm");
    number(json, "mttaSeconds", itsm.mttaSeconds());
    json.writeObjectFieldStart("timeToRestore");
    number(json, "meanSeconds", itsm.timeToRestore().meanSeconds());
    number(json, "medianSeconds", itsm.timeToRestore().medianSeconds());
    json.writeEndObject();
    number(json, "slaCompliance", itsm.slaCompliance());
    number(json, "reopenRate", itsm.reopenRate());
    number(json, "changeSuccessRate", itsm.changeSuccessRate());
    number(json, "emergencyChangeRatio", itsm.emergencyChangeRatio());
    number(json, "autoApprovalRatio", itsm.autoApprovalRatio());
    json.writeObjectFieldStart("csat");
    number(json, "satisfiedRatio", itsm.csat().satisfiedRatio());
    number(json, "meanRating", itsm.csat().meanRating());
    json.writeNumberField("responses", itsm.csat().responses());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void number(JsonGenerator json, String name, OptionalDouble value) throws IOException {
    json.writeFieldName(name);
    if (value.isPresent()) {
      json.writeNumber(value.getAsDouble());
    } else {
      json.writeNull();
    }
  }

  private static void level(JsonGenerator json, Optional<DoraLevel> level) throws IOException {
    json.writeFieldName("level");
    if (level.isPresent()) {
      json.writeString(level.get().label());
    } else {
      json.writeNull();
    }
  }
}
