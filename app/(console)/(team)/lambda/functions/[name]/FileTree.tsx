import { fileTree, type TreeFolder } from "../../code-package";

interface FileTreeProps {
  paths: readonly string[];
  active: string;
  onOpen: (path: string) => void;
}

/** The package's folders and files; choosing a file opens it in the editor. */
export function FileTree({ paths, active, onOpen }: FileTreeProps) {
  return <FolderList folder={fileTree(paths)} active={active} onOpen={onOpen} label="Files" />;
}

function FolderList({ folder, active, onOpen, label }: { folder: TreeFolder; active: string; onOpen: (path: string) => void; label?: string }) {
  return (
    <ul className="lambda-file-tree" aria-label={label}>
      {folder.folders.map((sub) => (
        <li key={sub.path}>
          <span className="lambda-file-tree-folder">{sub.name}/</span>
          <FolderList folder={sub} active={active} onOpen={onOpen} />
        </li>
      ))}
      {folder.files.map((file) => (
        <li key={file.path}>
          <button type="button" className="lambda-file-tree-file" aria-current={file.path === active || undefined} title={file.path} onClick={() => onOpen(file.path)}>
            {file.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
