/** A version Lens registered from this page, shown in MLflow's "Registered models" entry until MLflow lists it. */
export function RegisteredNote(props: { name: string; version: string; href: string }) {
  return (
    <span class="reg-registered">
      <a href={props.href}>
        {props.name} v{props.version}
      </a>{' '}
      <span class="reg-registered-why">registered by Lens just now (MLflow lists it here after a reload)</span>
    </span>
  );
}
