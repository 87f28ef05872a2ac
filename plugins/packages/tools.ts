import { ALPACON, AlpaconClient, AlpaconMcpError, Effects, ErrorCode, inject, injectable, InvalidInputError, reply, Tool, type ToolContext } from '../../core/index.js';
import { InstallPackageInput, ListPackagesInput, RemovePackageInput } from './dto.js';

type Kind = 'system' | 'python';

interface Entry {
  id: string;
  name?: string;
  [key: string]: unknown;
}

const base = (kind: Kind) => `/api/packages/${kind}/entries/`;
const UNCONFIRMED = ' (endpoint unconfirmed)';
/**
 * Alpacon creates package entries from an uploaded package file (multipart, file field `content`: alpacon-cli
 * `api/packages/packages.go`); installing by name is what the Python MCP server sends and no official client confirms.
 */
const BY_NAME = ' by name, as the Python MCP server asks (unconfirmed: where Alpacon takes only package files, this says so and how to proceed)';
const NEEDS_FILE =
  'This Alpacon service creates package entries only from an uploaded package file (.deb/.rpm/.whl; multipart field "content"), not from a name. ' +
  'Upload the file with the Alpacon CLI (alpacon package upload FILE), or install by name on the server with execute_command_sync (e.g. apt-get install -y NAME, pip install NAME).';

/** System and Python package entries per server, as the Python MCP server drives `/api/packages/{kind}/entries/`. */
@injectable()
export class PackageTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_system_package_entries', title: 'List system package entries', description: `System packages managed by Alpacon on a server${UNCONFIRMED}. For installed OS packages use list_system_packages.`, input: ListPackagesInput, annotations: Effects.read, searchHint: 'system packages apt yum server' })
  listSystem(input: ListPackagesInput, ctx: ToolContext) {
    return this.list('system', input, ctx);
  }

  @Tool({ name: 'install_system_package', title: 'Install system package', description: `Installs an OS package on a server${BY_NAME}.`, input: InstallPackageInput, annotations: Effects.destructive, searchHint: 'system package install apt yum' })
  installSystem(input: InstallPackageInput, ctx: ToolContext) {
    return this.install('system', input, ctx);
  }

  @Tool({ name: 'remove_system_package', title: 'Remove system package', description: `Removes a system package entry (list_system_package_entries)${UNCONFIRMED}.`, input: RemovePackageInput, annotations: Effects.destructive, searchHint: 'system package remove uninstall' })
  removeSystem(input: RemovePackageInput, ctx: ToolContext) {
    return this.remove('system', input, ctx);
  }

  @Tool({ name: 'list_python_packages', title: 'List Python packages', description: `Python packages managed by Alpacon on a server${UNCONFIRMED}.`, input: ListPackagesInput, annotations: Effects.read, searchHint: 'python pip packages server' })
  listPython(input: ListPackagesInput, ctx: ToolContext) {
    return this.list('python', input, ctx);
  }

  @Tool({ name: 'install_python_package', title: 'Install Python package', description: `Installs a Python package on a server${BY_NAME}.`, input: InstallPackageInput, annotations: Effects.destructive, searchHint: 'python pip install' })
  installPython(input: InstallPackageInput, ctx: ToolContext) {
    return this.install('python', input, ctx);
  }

  @Tool({ name: 'remove_python_package', title: 'Remove Python package', description: `Removes a Python package entry (list_python_packages)${UNCONFIRMED}.`, input: RemovePackageInput, annotations: Effects.destructive, searchHint: 'python pip uninstall remove' })
  removePython(input: RemovePackageInput, ctx: ToolContext) {
    return this.remove('python', input, ctx);
  }

  private async list(kind: Kind, { server_id, page = 1, page_size = 20, ...target }: ListPackagesInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Entry>(target, base(kind), page, page_size, { query: { server: server_id }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} ${kind} package(s).${more}`);
  }

  private async install(kind: Kind, { server_id, package_name, version, ...target }: InstallPackageInput, ctx: ToolContext) {
    const body = { server: server_id, name: package_name, ...(version === undefined ? {} : { version }) };
    const entry = await this.alpacon.post<Entry>(target, base(kind), body, { signal: ctx.signal }).catch((error: unknown) => {
      if (error instanceof InvalidInputError && error.fields.some((f) => f.field === 'content')) {
        throw new AlpaconMcpError(ErrorCode.Unsupported, `Alpacon did not take ${package_name} by name: it wants a package file.`, { status: error.status, hint: NEEDS_FILE, details: { fields: error.fields } });
      }
      throw error;
    });
    return reply(entry, `${kind} package ${package_name} requested on ${server_id} (${entry.id}).`);
  }

  private async remove(kind: Kind, { entry_id, ...target }: RemovePackageInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `${base(kind)}${entry_id}/`, { resource: { what: `${kind} package entry`, id: entry_id }, signal: ctx.signal });
    return reply({ deleted: true, entry_id }, `${kind} package entry ${entry_id} removed.`);
  }
}
