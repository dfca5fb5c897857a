/* eslint-disable @typescript-eslint/no-require-imports */
type OpenCV = typeof import("@u4/opencv4nodejs").default;

/**
 * Loads the OpenCV binding quietly. The CommonJS build explicitly: the package's ESM entry insists on a from-source
 * OpenCV build, while our binding is built against Debian's OpenCV. Its build helper prints config lines to stdout
 * on load, which would break JSON logs: silence it when it is there (it is a dependency of the binding).
 * OpenCV's own thread pool is switched off: the binding's Mat allocator reports memory to V8, and a Mat allocated
 * on one of OpenCV's worker threads during a garbage collection aborts the process (`Check failed: marking_done_`).
 */
export function loadOpenCV(): OpenCV {
  try {
    require("@u4/opencv-build").Log.silence = true;
  } catch {
    // Not hoisted where we can see it: the binding still loads, only noisier.
  }
  const cv: OpenCV = require("@u4/opencv4nodejs").default;
  cv.setNumThreads(0);
  return cv;
}
