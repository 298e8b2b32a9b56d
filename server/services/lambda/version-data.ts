/** Version rows to and from the configuration they hold. */
import { Prisma } from "../../db/client";
import type { LambdaVersion } from "../../db/generated/client";
import type { VersionSettings } from "./config";
import { environmentOf, loggingConfigOf } from "./model";

export function settingsOf(version: LambdaVersion): VersionSettings {
  return {
    description: version.description,
    runtime: version.runtime,
    handler: version.handler,
    role: version.role,
    memorySize: version.memorySize,
    timeout: version.timeout,
    ephemeralStorageSize: version.ephemeralStorageSize,
    environment: version.environment === null ? null : environmentOf(version),
    tracingMode: version.tracingMode,
    architectures: version.architectures,
    deadLetterTargetArn: version.deadLetterTargetArn,
    loggingConfig: loggingConfigOf(version),
    snapStartApplyOn: version.snapStartApplyOn,
  };
}

/** The settings as version columns (a JSON null column is written as SQL NULL). */
export function settingsData(settings: VersionSettings) {
  return { ...settings, environment: settings.environment ?? Prisma.DbNull, loggingConfig: { ...settings.loggingConfig } };
}

/** A nested create of a configuration's layers, in order. */
export function layersData(layers: readonly { layerVersionArn: string; codeSha256: string; codeSize: number }[]) {
  return { create: layers.map((l, position) => ({ position, layerVersionArn: l.layerVersionArn, codeSha256: l.codeSha256, codeSize: l.codeSize })) };
}
