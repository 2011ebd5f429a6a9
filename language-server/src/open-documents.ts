// The documents open in the editor, by canonical URI. Written by the workspace sync (open and close
// events), read by the publisher (an open document always shows its problems, under the client's URI).

export class OpenDocuments {
  /** canonical URI → the URI string the client uses for the open document. */
  private readonly byCanon = new Map<string, string>();

  add(uri: string, clientUri: string): void {
    this.byCanon.set(uri, clientUri);
  }

  delete(uri: string): void {
    this.byCanon.delete(uri);
  }

  has(uri: string): boolean {
    return this.byCanon.has(uri);
  }

  /** The client's spelling of `uri` while it is open; `uri` itself otherwise. */
  clientUri(uri: string): string {
    return this.byCanon.get(uri) ?? uri;
  }

  uris(): IterableIterator<string> {
    return this.byCanon.keys();
  }
}
