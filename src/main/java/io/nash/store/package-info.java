/**
 * The project's store on any Hadoop FileSystem URI (file:, s3a://, hdfs://): {@code Store} with
 * atomic writes and readers that skip uncommitted data, directory units committed by a marker
 * ({@code UnitCommitter}, {@code CommittedDir}), the run layout ({@code RunLayout}), the stored
 * result and accuracy rows, {@code StoreSpec} (what travels to executors) and the redaction of
 * credentials. See architecture.md section 3.
 *
 * <p>Dependencies: a leaf; imports no other {@code io.nash} package, only Hadoop and Jackson. No
 * Spark, no DJL.
 */
package io.nash.store;
