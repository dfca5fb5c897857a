# One image for every service; docker-compose.yml and deploy/ pick the service with the command.
FROM node:20-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libopencv-dev python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV OPENCV4NODEJS_DISABLE_AUTOBUILD=1 \
    OPENCV_INCLUDE_DIR=/usr/include/opencv4 \
    OPENCV_LIB_DIR=/usr/lib/x86_64-linux-gnu \
    OPENCV_BIN_DIR=/usr/bin \
    ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/runtime/package.json libs/runtime/
COPY libs/db/package.json libs/db/
COPY libs/storage/package.json libs/storage/
COPY libs/testing/package.json libs/testing/
COPY services/gateway/package.json services/gateway/
COPY services/ingest/package.json services/ingest/
COPY services/vision/package.json services/vision/
COPY services/matching/package.json services/matching/
COPY services/collection/package.json services/collection/
COPY apps/embedded/package.json apps/embedded/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libopencv-core406 libopencv-flann406 libopencv-imgproc406 libopencv-imgcodecs406 \
      libopencv-calib3d406 libopencv-features2d406 libopencv-objdetect406 libopencv-video406 libopencv-videoio406 \
      libopencv-photo406 libopencv-ml406 libopencv-dnn406 libopencv-highgui406 libopencv-contrib406 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production
USER node
CMD ["node", "apps/embedded/dist/main.js"]
