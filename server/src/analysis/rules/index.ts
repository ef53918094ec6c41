/** Every rule, in one list. Adding a rule is one new file and one line here. */
import type { RuleCode } from '../findings';
import { capacityDuringMaintenance } from './capacityDuringMaintenance';
import { capacityExceeded } from './capacityExceeded';
import { certificateMismatch } from './certificateMismatch';
import { clusterSingleNode } from './clusterSingleNode';
import { databaseExposed } from './databaseExposed';
import { dnsCnameConflict } from './dnsCnameConflict';
import { dnsDangling } from './dnsDangling';
import { dnsInvalidRecord } from './dnsInvalidRecord';
import { dnsRoundRobin } from './dnsRoundRobin';
import { duplicateName } from './duplicateName';
import { missingFirewall } from './missingFirewall';
import { missingMonitoring } from './missingMonitoring';
import { noHttps } from './noHttps';
import { replicaWithoutPrimary } from './replicaWithoutPrimary';
import { sharedServer } from './sharedServer';
import { singlePointOfFailure } from './singlePointOfFailure';
import { tlsPassthroughToPlainBackend } from './tlsPassthroughToPlainBackend';
import { tlsTerminatedAtCdn } from './tlsTerminatedAtCdn';
import { tlsTerminatedAtLoadBalancer } from './tlsTerminatedAtLoadBalancer';
import type { Rule } from './types';
import { unknownReference } from './unknownReference';
import { invalidValue, missingKey, unknownKey, yamlSyntax } from './validation';
import { writeToReplica } from './writeToReplica';

export const RULES: readonly Rule[] = [
  yamlSyntax, unknownKey, invalidValue, missingKey, unknownReference, duplicateName,
  singlePointOfFailure, tlsTerminatedAtLoadBalancer, tlsTerminatedAtCdn, noHttps, tlsPassthroughToPlainBackend, certificateMismatch,
  missingFirewall, databaseExposed, missingMonitoring, sharedServer, writeToReplica, replicaWithoutPrimary,
  clusterSingleNode, capacityExceeded, capacityDuringMaintenance, dnsInvalidRecord, dnsCnameConflict, dnsRoundRobin, dnsDangling,
];

export const RULES_BY_CODE: ReadonlyMap<RuleCode, Rule> = new Map(RULES.map((r) => [r.code, r]));

export type { Rule, RuleContext } from './types';
