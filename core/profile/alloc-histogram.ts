/**
 * Allocation-size histograms in powers of two: `≤16 B`, `32 B`, `64 B`, … `512 KiB`, `≥1 MiB`.
 * A sample goes to the bucket of its object size rounded up to a power of two (a 1000-byte object to
 * `1 KiB`, a 600 KiB one to `≥1 MiB`). Object sizes come from `sample-size.ts`: exact above
 * `exactAboveBytes`, estimated below it.
 */
import { formatBytes } from '../units/bytes';
import type { ProfileModel } from './profile-model';
import { exactAboveBytes, objectSizeEstimator } from './sample-size';

/** Upper bounds (bytes, inclusive) of every bucket but the last, which holds everything above 512 KiB. */
export const BUCKET_UPPER_BYTES: readonly number[] = Object.freeze(
  Array.from({ length: 16 }, (_, k) => 16 * 2 ** k),
);

export const BUCKET_LABELS: readonly string[] = Object.freeze([
  '≤16 B',
  ...BUCKET_UPPER_BYTES.slice(1).map((bytes) => formatBytes(bytes)),
  '≥1 MiB',
]);

/** Per bucket (parallel to `BUCKET_LABELS`). */
export interface SizeHistogram {
  /** Samples that fell in the bucket. */
  samples: number[];
  /** Bytes those samples stand for (V8's scaled-up sizes). */
  bytes: number[];
  /** Objects those samples stand for (bytes ÷ object size). */
  objects: number[];
}

export interface AllocHistograms {
  process: SizeHistogram;
  /** By node index (call site: the whole stack). Only nodes with samples. */
  bySite: Map<number, SizeHistogram>;
  /** By frame index (the allocating function, wherever it was called from). */
  byFunction: Map<number, SizeHistogram>;
  /** Object sizes up to this many bytes are estimates; 0 when the sampling interval is unknown. */
  estimatedBelowBytes: number;
}

/** The bucket of an object of `bytes` bytes. */
export function bucketOf(bytes: number): number {
  if (bytes <= 16) return 0;
  return Math.min(BUCKET_UPPER_BYTES.length, Math.ceil(Math.log2(bytes / 16)));
}

/**
 * Histograms for the whole process, per call site and per function, from an allocation model's samples.
 * Worked out once per model (models are frozen): the report's size table and the per-site figures both
 * read the merged model's. The result is shared: read it, do not change it.
 */
export function allocHistograms(model: ProfileModel): AllocHistograms {
  let histograms = computed.get(model);
  if (!histograms) computed.set(model, (histograms = computeHistograms(model)));
  return histograms;
}

const computed = new WeakMap<ProfileModel, AllocHistograms>();

function computeHistograms(model: ProfileModel): AllocHistograms {
  const result: AllocHistograms = {
    process: emptyHistogram(),
    bySite: new Map(),
    byFunction: new Map(),
    estimatedBelowBytes: model.samplingInterval ? exactAboveBytes(model.samplingInterval) : 0,
  };
  const samples = model.samples;
  if (!samples) return result;
  const objectSize = objectSizeEstimator(model.samplingInterval);
  for (let s = 0; s < samples.node.length; s++) {
    const node = samples.node[s]!;
    const bytes = samples.value[s]!;
    const size = objectSize(bytes);
    const bucket = bucketOf(size);
    const objects = size > 0 ? bytes / size : 0;
    add(result.process, bucket, bytes, objects);
    if (node < 0) continue;
    add(histogramIn(result.bySite, node), bucket, bytes, objects);
    add(histogramIn(result.byFunction, model.nodes.frame[node]!), bucket, bytes, objects);
  }
  return result;
}

function emptyHistogram(): SizeHistogram {
  const zeros = (): number[] => new Array<number>(BUCKET_LABELS.length).fill(0);
  return { samples: zeros(), bytes: zeros(), objects: zeros() };
}

function histogramIn(map: Map<number, SizeHistogram>, key: number): SizeHistogram {
  let histogram = map.get(key);
  if (!histogram) map.set(key, (histogram = emptyHistogram()));
  return histogram;
}

function add(histogram: SizeHistogram, bucket: number, bytes: number, objects: number): void {
  histogram.samples[bucket]! += 1;
  histogram.bytes[bucket]! += bytes;
  histogram.objects[bucket]! += objects;
}
