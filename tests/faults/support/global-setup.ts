import { mkdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { printFaultTable, RUN_DIR } from './ledger';
import { type Cluster, clusterUnavailableReason, createCluster, TEMPLATE_DATABASE } from './postgres-cluster';
import { migrateAndSeed } from './world';

/**
 * One ledger per run, emptied at the start; the run's PostgreSQL cluster with its seeded template
 * (once, instead of a seed per case); at the end the table of faults, and the cluster removed.
 */
export default async function setup(project: TestProject) {
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  const problem = clusterUnavailableReason();
  let cluster: Cluster | null = null;
  if (problem) {
    project.provide('faultsCluster', { problem });
  } else {
    cluster = createCluster();
    migrateAndSeed({ kind: 'postgres', url: await cluster.createDatabase(TEMPLATE_DATABASE) });
    project.provide('faultsCluster', { dir: cluster.dir });
  }
  return () => {
    printFaultTable();
    cluster?.destroy();
  };
}
