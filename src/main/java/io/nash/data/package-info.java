/**
 * Datasets for the NASH engine: readers (IDX for MNIST/Fashion-MNIST, CIFAR-10 binary batches,
 * image folders), a seeded synthetic dataset, the dataset spec parser, normalization, padding, the
 * search split, seeded shuffling and batching, data-parallel partitions and augmentation.
 *
 * <p>Plain Java with no Spark or DJL imports: images travel as {@code float[]} in NCHW order and
 * labels as {@code int[]}, so that {@code nn}, {@code search}, {@code train} and the Spark engine
 * can all use the same values. Image shapes ({@code space.ImageShape}) and seeds ({@code
 * space.Seeds}) come from {@code space}, the only {@code io.nash} package this one imports. Readers
 * take local paths only; a stage that reads from object storage copies the files to local disk
 * first.
 */
package io.nash.data;
