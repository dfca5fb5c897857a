/* eslint-disable @typescript-eslint/no-require-imports */
type OpenCV = typeof import("@u4/opencv4nodejs").default;

/**
 * Loads the OpenCV binding quietly. The CommonJS build explicitly: the package's ESM entry insists on a from-source
 * OpenCV build, while our binding is built against Debian's OpenCV. Its build helper prints config lines to stdout
 * on load, which would break JSON logs: silence it when it is there (it is a dependency of the binding).
 */
export function loadOpenCV(): OpenCV {
  try {
    require("@u4/opencv-build").Log.silence = true;
  } catch {
    // Not hoisted where we can see it: the binding still loads, only noisier.
  }
  return require("@u4/opencv4nodejs").default;
}
