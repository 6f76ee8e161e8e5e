package io.github.coexist.core.catalog;

import io.github.coexist.core.kernel.Actor;
import io.github.coexist.core.service.TeamId;

/** Two catalog items: database access (approved by the DBAs, two tasks) and a staging environment (no approval). */
final class CatalogFixtures {
  static final Actor DBA = new Actor(Actor.Kind.GROUP, "dba");
  static final Actor DAVE = Actor.person("dave");
  static final Actor ERIN = Actor.person("erin");

  static final CatalogItem DB_ACCESS = CatalogItem.builder()
      .id(CatalogItemId.of("db-read-access"))
      .name("Read access to a database")
      .addFields(FieldSpec.choice("database", "Which database?", true, "orders", "payments"),
          FieldSpec.text("reason", "Why do you need it?", true),
          FieldSpec.number("days", "For how many days?", false),
          FieldSpec.email("manager", "Your manager's e-mail", false),
          FieldSpec.flag("production", "Production data?", false))
      .approval(Approval.by(DBA, ERIN))
      .addTasks(new TaskTemplate("create user", TeamId.of("team-db")),
          new TaskTemplate("grant read role", TeamId.of("team-db")))
      .build();

  static final CatalogItem STAGING = CatalogItem.builder()
      .id(CatalogItemId.of("staging-environment"))
      .name("New staging environment")
      .addFields(FieldSpec.text("name", "Environment name", true))
      .addTasks(new TaskTemplate("provision", TeamId.of("team-platform")))
      .build();

  private CatalogFixtures() {}

  static Catalog catalog() {
    return Catalog.of(DB_ACCESS, STAGING);
  }
}
