package io.github.coexist.standins.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows of the stand-in site. Changes follow one shaped like the JSM change management
 * workflow: Open, Planning, Awaiting CAB approval (left only through the approval), Awaiting
 * implementation, Implementing, Peer review, and the ends Completed, Failed, Canceled and
 * Declined; standard changes may skip approval by a transition only they see. Incidents follow
 * Open, Work in progress, Pending, Resolved (which may be reopened), Closed and Canceled.
 */
final class SiteWorkflow {
  static final String OPEN = "Open";
  static final String PLANNING = "Planning";
  static final String AWAITING_APPROVAL = "Awaiting CAB approval";
  static final String AWAITING_IMPLEMENTATION = "Awaiting implementation";
  static final String IMPLEMENTING = "Implementing";
  static final String PEER_REVIEW = "Peer review";
  static final String COMPLETED = "Completed";
  static final String FAILED = "Failed";
  static final String CANCELED = "Canceled";
  static final String DECLINED = "Declined";
  static final String WORK_IN_PROGRESS = "Work in progress";
  static final String PENDING = "Pending";
  static final String RESOLVED = "Resolved";
  static final String CLOSED = "Closed";

  /** Which workflow an issue follows. */
  enum Kind { CHANGE, INCIDENT }

  /** A status with its id and category key (new, indeterminate, done). */
  record Status(String id, String name, String category) {}

  /** A transition: {@code standardOnly} ones are shown only to Standard changes. */
  record Transition(Kind kind, String id, String name, String from, String to, boolean standardOnly) {}

  private final Map<String, Status> statuses = new LinkedHashMap<>();
  private final List<Transition> transitions = new ArrayList<>();

  SiteWorkflow() {
    status("10000", OPEN, "new");
    status("10001", PLANNING, "indeterminate");
    status("10002", AWAITING_APPROVAL, "indeterminate");
    status("10003", AWAITING_IMPLEMENTATION, "indeterminate");
    status("10004", IMPLEMENTING, "indeterminate");
    status("10005", PEER_REVIEW, "indeterminate");
    status("10006", COMPLETED, "done");
    status("10007", FAILED, "done");
    status("10008", CANCELED, "done");
    status("10009", DECLINED, "done");
    status("10010", WORK_IN_PROGRESS, "indeterminate");
    status("10011", PENDING, "indeterminate");
    status("10012", RESOLVED, "done");
    status("10013", CLOSED, "done");
    transition("11", "Start planning", OPEN, PLANNING, false);
    transition("21", "Request approval", PLANNING, AWAITING_APPROVAL, false);
    transition("31", "Skip approval", PLANNING, AWAITING_IMPLEMENTATION, true);
    transition("41", "Start implementation", AWAITING_IMPLEMENTATION, IMPLEMENTING, false);
    transition("51", "Request review", IMPLEMENTING, PEER_REVIEW, false);
    transition("61", "Complete", IMPLEMENTING, COMPLETED, false);
    transition("62", "Complete", PEER_REVIEW, COMPLETED, false);
    transition("71", "Mark as failed", IMPLEMENTING, FAILED, false);
    transition("72", "Mark as failed", PEER_REVIEW, FAILED, false);
    for (String from : List.of(OPEN, PLANNING, AWAITING_APPROVAL, AWAITING_IMPLEMENTATION, IMPLEMENTING)) {
      transition("9" + statuses.get(from).id().substring(4), "Cancel", from, CANCELED, false);
    }
    kind = Kind.INCIDENT;
    transition("111", "Start work", OPEN, WORK_IN_PROGRESS, false);
    transition("121", "Pend", WORK_IN_PROGRESS, PENDING, false);
    transition("131", "Resume", PENDING, WORK_IN_PROGRESS, false);
    transition("141", "Resolve", OPEN, RESOLVED, false);
    transition("142", "Resolve", WORK_IN_PROGRESS, RESOLVED, false);
    transition("143", "Resolve", PENDING, RESOLVED, false);
    transition("151", "Reopen", RESOLVED, WORK_IN_PROGRESS, false);
    transition("161", "Close", RESOLVED, CLOSED, false);
    transition("171", "Cancel", OPEN, CANCELED, false);
    transition("172", "Cancel", WORK_IN_PROGRESS, CANCELED, false);
    transition("173", "Cancel", PENDING, CANCELED, false);
  }

  private Kind kind = Kind.CHANGE;

  private void status(String id, String name, String category) {
    statuses.put(name, new Status(id, name, category));
  }

  private void transition(String id, String name, String from, String to, boolean standardOnly) {
    transitions.add(new Transition(kind, id, name, from, to, standardOnly));
  }

  Status status(String name) {
    return statuses.get(name);
  }

  boolean isStatus(String name) {
    return statuses.containsKey(name);
  }

  /** The transitions an issue of {@code kind} in {@code from} may take. */
  List<Transition> from(Kind kind, String from, boolean standard) {
    return transitions.stream()
        .filter(t -> t.kind() == kind && t.from().equals(from) && (standard || !t.standardOnly())).toList();
  }

  Optional<Transition> byId(Kind kind, String from, boolean standard, String id) {
    return from(kind, from, standard).stream().filter(t -> t.id().equals(id)).findFirst();
  }

  Optional<Transition> byName(Kind kind, String from, boolean standard, String name) {
    return from(kind, from, standard).stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }
}
