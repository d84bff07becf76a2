/**
 * Typed, documented settings: {@code Setting} (one hyphenated hierarchical key with its kind,
 * default, allowed range and description, and the single place where a raw value is parsed), {@code
 * SettingsSchema} (every setting of the engine; {@code conf/nash-defaults.yaml} is generated from
 * it) and {@code Settings} (the resolved settings of one job: CLI flag over job file over defaults,
 * validated before any Spark or DJL work starts) and {@code FreeSettings} (the few keys a resume
 * may change because they cannot change a run's outputs).
 *
 * <p>Dependencies: a leaf; imports no other {@code io.nash} package, only Jackson (YAML). No Spark,
 * no DJL.
 */
package io.nash.config;
