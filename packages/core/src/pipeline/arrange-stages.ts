import { GatewayError } from '../errors/gateway-error.js';
import type { NamedStage, StagePlacement } from './stage.js';

/**
 * Applies the host's placements to the default stage list, in the order given. Checked when
 * the gateway is built, so a typo in a stage name fails at start-up, not on a request.
 */
export function arrangeStages(defaults: readonly NamedStage[], placements: readonly StagePlacement[] = []): NamedStage[] {
  const stages = [...defaults];
  for (const placement of placements) {
    if (typeof placement.run !== 'function') {
      throw invalid(`stage ${JSON.stringify(placement.name ?? placement.replace)} has no run function`);
    }
    const target = placement.replace ?? placement.before ?? placement.after;
    const directions = [placement.replace, placement.before, placement.after].filter((value) => value !== undefined);
    if (target === undefined || directions.length !== 1) {
      throw invalid(`stage ${JSON.stringify(placement.name)} needs exactly one of before, after or replace`);
    }
    const index = stages.findIndex((stage) => stage.name === target);
    if (index === -1) {
      throw invalid(`stage ${JSON.stringify(placement.name ?? target)} refers to unknown stage ${JSON.stringify(target)}; known: ${stages.map((stage) => stage.name).join(', ')}`);
    }
    const name = placement.name ?? target;
    if (placement.replace === undefined && stages.some((stage) => stage.name === name)) {
      throw invalid(`a stage named ${JSON.stringify(name)} already exists`);
    }
    const stage: NamedStage = { name, run: placement.run };
    if (placement.replace !== undefined) stages.splice(index, 1, stage);
    else if (placement.before !== undefined) stages.splice(index, 0, stage);
    else stages.splice(index + 1, 0, stage);
  }
  return stages;
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_config', `Invalid stages option: ${message}.`);
}
