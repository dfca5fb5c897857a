import { startService } from "@poke-ventory/runtime";
import { composeVision, visionConfigShape } from "./index";

startService({ name: "vision", shape: visionConfigShape, compose: composeVision });
