package io.github.coexist.sample;

import io.github.coexist.core.change.ApprovalPolicy;
import io.github.coexist.core.risk.RiskLevel;
import io.github.coexist.core.service.Service;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that gates GitHub deployments with coexist: the starter configures
 * everything from {@code application.properties} and the environment ({@code
 * COEXIST_GITHUB_TOKEN}, {@code COEXIST_GITHUB_WEBHOOK_SECRET}, ...); the application adds only its
 * approval policy and its services. GitHub delivers to {@code POST /webhooks/github}; health is at
 * {@code /actuator/health}.
 */
@SpringBootApplication
public class SampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }

  /** Changes up to high risk are approved at once; very high ones go to the change authority. */
  @Bean
  ApprovalPolicy approvalPolicy() {
    return ApprovalPolicy.defaults().toBuilder().version("sample-1").autoApproveUpTo(RiskLevel.HIGH).build()
        .getOrElseThrow(error -> new IllegalStateException(error.message()));
  }

  /** The service GitHub's repository Hello-World deploys, owned by the team octo. */
  @Bean
  Service helloWorld() {
    return Service.of("Hello-World", "octo");
  }
}
