package io.github.coexist.standins.servicenow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a baseline instance's business rules, data policies and state models do to change
 * requests, incidents and problems: defaults on insert, the legal state moves, approval roll-up,
 * priority from impact and urgency, and the fields a closing record must carry.
 */
final class Rules {
  private Rules() {}

  static final Map<String, String> CHANGE_LABELS = Map.of("-5", "New", "-4", "Assess", "-3", "Authorize",
      "-2", "Scheduled", "-1", "Implement", "0", "Review", "3", "Closed", "4", "Canceled");
  static final Map<String, String> INCIDENT_LABELS = Map.of("1", "New", "2", "In Progress", "3", "On Hold",
      "6", "Resolved", "7", "Closed", "8", "Canceled");
  static final Map<String, String> PROBLEM_LABELS = Map.of("101", "New", "102", "Assess",
      "103", "Root Cause Analysis", "104", "Fix in Progress", "106", "Resolved", "107", "Closed");

  private static final List<String> NORMAL = List.of("-5", "-4", "-3", "-2", "-1", "0", "3");
  private static final List<String> EMERGENCY = List.of("-5", "-3", "-2", "-1", "0", "3");
  private static final List<String> STANDARD = List.of("-5", "-2", "-1", "0", "3");
  private static final List<String> PROBLEM = List.of("101", "102", "103", "104", "106", "107");

  /** The label of a state code of {@code table}, or the code itself. */
  static String label(String table, String field, String value) {
    if (!"state".equals(field)) {
      return value;
    }
    Map<String, String> labels = switch (table) {
      case "change_request" -> CHANGE_LABELS;
      case "incident" -> INCIDENT_LABELS;
      case "problem" -> PROBLEM_LABELS;
      default -> Map.of();
    };
    return labels.getOrDefault(value, value);
  }

  /** Fills what an insert leaves blank; returns the number prefix for the table, if any. */
  static Optional<String> onInsert(String table, Map<String, String> record) {
    switch (table) {
      case "change_request" -> {
        record.putIfAbsent("type", "normal");
        record.put("state", "-5");
        record.put("approval", "not requested");
        record.putIfAbsent("impact", "3");
        return Optional.of("CHG");
      }
      case "incident" -> {
        record.put("state", "1");
        record.putIfAbsent("impact", "3");
        record.putIfAbsent("urgency", "3");
        record.put("priority", priority(record.get("impact"), record.get("urgency")));
        return Optional.of("INC");
      }
      case "problem" -> {
        record.put("state", "101");
        record.putIfAbsent("impact", "3");
        record.putIfAbsent("urgency", "3");
        record.putIfAbsent("known_error", "false");
        record.put("priority", priority(record.get("impact"), record.get("urgency")));
        return Optional.of("PRB");
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Priority 1 (critical) to 5 (planning) from impact and urgency, as the baseline lookup has it. */
  static String priority(String impact, String urgency) {
    int i = clamp(impact);
    int u = clamp(urgency);
    return Integer.toString(Math.min(5, i + u - 1));
  }

  private static int clamp(String code) {
    try {
      return Math.max(1, Math.min(3, Integer.parseInt(code)));
    } catch (NumberFormatException e) {
      return 3;
    }
  }

  /** The states a change may move to now. */
  static Set<String> nextChangeStates(Map<String, String> record) {
    String state = record.getOrDefault("state", "-5");
    Set<String> next = new LinkedHashSet<>();
    if (state.equals("3") || state.equals("4")) {
      return next;
    }
    List<String> path = switch (record.getOrDefault("type", "normal")) {
      case "emergency" -> EMERGENCY;
      case "standard" -> STANDARD;
      default -> NORMAL;
    };
    int at = path.indexOf(state);
    if (at >= 0 && at + 1 < path.size()) {
      String step = path.get(at + 1);
      boolean needsApproval = state.equals("-3");
      if (!needsApproval || "approved".equals(record.get("approval"))) {
        next.add(step);
      }
    }
    next.add("4");
    return next;
  }

  /** The states an incident may move to now. */
  static Set<String> nextIncidentStates(String state) {
    return switch (state) {
      case "1" -> Set.of("2", "3", "6", "8");
      case "2" -> Set.of("3", "6", "8");
      case "3" -> Set.of("2", "6", "8");
      case "6" -> Set.of("2", "7");
      default -> Set.of();
    };
  }

  /**
   * The states a problem may move to now: forward one step, closed from anywhere open (risk
   * accepted, duplicate, canceled), and back to root cause analysis when a fix did not hold.
   */
  static Set<String> nextProblemStates(String state) {
    int at = PROBLEM.indexOf(state);
    if (at < 0 || state.equals("107")) {
      return Set.of();
    }
    Set<String> next = new LinkedHashSet<>();
    next.add(PROBLEM.get(at + 1));
    next.add("107");
    if (state.equals("104") || state.equals("106")) {
      next.add("103");
    }
    return next;
  }

  /** The outcome of applying an update. */
  enum Outcome {
    /** Every field applied. */
    APPLIED,
    /** The state move was not legal; the other fields applied. */
    STATE_REFUSED,
    /** A data policy refused the whole update. */
    DATA_POLICY
  }

  /**
   * Applies {@code changes} to {@code record} as the instance's rules do. A state move that the
   * state model does not allow leaves the state as it was ({@link Outcome#STATE_REFUSED}); a
   * closing move without the mandatory fields changes nothing ({@link Outcome#DATA_POLICY}).
   */
  static Outcome update(String table, Map<String, String> record, Map<String, String> changes, String now) {
    Map<String, String> candidate = new java.util.HashMap<>(record);
    changes.forEach((field, value) -> {
      if (!field.equals("state") && !field.equals("approval") && !field.startsWith("sys_") && !field.equals("number")) {
        candidate.put(field, value);
      }
    });
    String state = changes.get("state");
    boolean moving = state != null && !state.equals(record.get("state"));
    Outcome outcome = Outcome.APPLIED;
    switch (table) {
      case "change_request" -> {
        String approval = changes.get("approval");
        if (approval != null && !approval.equals(candidate.get("approval"))) {
          candidate.put("approval", approval);
          rollUpApproval(candidate);
        }
        if (moving) {
          if (state.equals("3") && (blank(candidate, "close_code") || blank(candidate, "close_notes"))) {
            return Outcome.DATA_POLICY;
          }
          if (nextChangeStates(candidate).contains(state)) {
            candidate.put("state", state);
            if (state.equals("-3") && !"approved".equals(candidate.get("approval"))) {
              candidate.put("approval", "requested");
            }
          } else {
            outcome = Outcome.STATE_REFUSED;
          }
        }
      }
      case "incident" -> {
        candidate.put("priority", priority(candidate.get("impact"), candidate.get("urgency")));
        if (moving) {
          if (state.equals("6") && (blank(candidate, "close_code") || blank(candidate, "close_notes"))) {
            return Outcome.DATA_POLICY;
          }
          if (state.equals("3") && blank(candidate, "hold_reason")) {
            return Outcome.DATA_POLICY;
          }
          if (nextIncidentStates(candidate.getOrDefault("state", "1")).contains(state)) {
            candidate.put("state", state);
            if (state.equals("6")) {
              candidate.put("resolved_at", now);
            }
            if (state.equals("7")) {
              candidate.put("closed_at", now);
            }
          } else {
            outcome = Outcome.STATE_REFUSED;
          }
        }
      }
      case "problem" -> {
        candidate.put("priority", priority(candidate.get("impact"), candidate.get("urgency")));
        if (moving) {
          if ((state.equals("106") || state.equals("107")) && blank(candidate, "resolution_code")) {
            return Outcome.DATA_POLICY;
          }
          if (nextProblemStates(candidate.getOrDefault("state", "101")).contains(state)) {
            candidate.put("state", state);
          } else {
            outcome = Outcome.STATE_REFUSED;
          }
        }
      }
      default -> {
        if (state != null) {
          candidate.put("state", state);
        }
      }
    }
    candidate.put("sys_updated_on", now);
    record.clear();
    record.putAll(candidate);
    return outcome;
  }

  /**
   * The approval roll-up: approving a change that waits in Authorize schedules it; rejecting a
   * change in Assess or Authorize sends it back to New.
   */
  static void rollUpApproval(Map<String, String> change) {
    String approval = change.get("approval");
    String state = change.get("state");
    if ("approved".equals(approval) && "-3".equals(state)) {
      change.put("state", "-2");
    } else if ("rejected".equals(approval) && ("-3".equals(state) || "-4".equals(state))) {
      change.put("state", "-5");
    }
  }

  private static boolean blank(Map<String, String> record, String field) {
    String value = record.get(field);
    return value == null || value.isBlank();
  }
}
