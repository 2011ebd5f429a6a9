// How a pod looks in both webviews: the class of its kubectl STATUS column (the stylesheets colour
// ok / notready / pending / done / leaving / bad).

export function podStatusClass(status: string, ready: boolean): string {
  if (status === 'Running') return ready ? 'ok' : 'notready';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Terminating') return 'leaving';
  if (/^(Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+)$/.test(status)) return 'pending';
  if (status === 'NotReady') return 'notready';
  return 'bad';
}
